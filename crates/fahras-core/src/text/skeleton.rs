//! Consonant skeletons: how a name written in Latin letters (Witkoff, Dmitriev, Benkirane) is
//! matched with its Arabic spelling (ويتكوف، دميترييف، بنكيران) without a dictionary of names.
//!
//! Both spellings are reduced to the consonants they share, in classes taken from the
//! consonant table of the ALA-LC romanization of Arabic (Library of Congress), widened with the
//! spellings the press uses for foreign names: v → ف, p → ب, g → ج/غ/ق, ch → ش/تش, c → ك/س.
//! Vowels (a e i o u y w; ا و ي ى ة), hamza, ع and doubled letters are dropped on both sides,
//! as is the article ال. The result is a string of class
//! letters: `B T D F G K H X L M N R S Z`.
//!
//! It is a blocking key, not a proof: short skeletons collide, so callers match it only
//! against names (entity aliases), never against every word.

/// The Latin word's skeleton (letters outside a–z are ignored); empty when it has no consonant.
pub fn latin_skeleton(word: &str) -> String {
    let w: Vec<char> = word
        .chars()
        .filter(char::is_ascii_alphabetic)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < w.len() {
        let c = w[i];
        let next = w.get(i + 1).copied();
        let (class, used) = match (c, next) {
            ('s', Some('h')) | ('c', Some('h')) => (Some('S'), 2),
            ('k', Some('h')) => (Some('X'), 2),
            ('g', Some('h')) => (Some('G'), 2),
            ('t', Some('h')) => (Some('T'), 2),
            ('d', Some('h')) => (Some('D'), 2),
            ('p', Some('h')) => (Some('F'), 2),
            ('c', Some('k')) => (Some('K'), 2),
            ('c', Some('e' | 'i' | 'y')) => (Some('S'), 1),
            ('x', _) => {
                out.extend(['K', 'S']);
                (None, 1)
            }
            _ => (consonant_latin(c), 1),
        };
        out.extend(class);
        i += used;
    }
    collapse(out)
}

fn consonant_latin(c: char) -> Option<char> {
    Some(match c {
        'b' | 'p' => 'B',
        't' => 'T',
        'd' => 'D',
        'f' | 'v' => 'F',
        'g' | 'j' => 'G',
        'k' | 'q' | 'c' => 'K',
        'h' => 'H',
        'l' => 'L',
        'm' => 'M',
        'n' => 'N',
        'r' => 'R',
        's' => 'S',
        'z' => 'Z',
        _ => return None,
    })
}

/// The skeleton of a normalised Arabic word (see [`crate::text::normalize`]).
pub fn arabic_skeleton(word: &str) -> String {
    let word = word
        .strip_prefix("ال")
        .filter(|r| r.chars().count() >= 3)
        .unwrap_or(word);
    let mut out = Vec::new();
    let mut prev_t = false;
    for c in word.chars() {
        // تش is ch, as ش alone is.
        if c == 'ش' && prev_t {
            out.pop();
        }
        prev_t = c == 'ت';
        out.extend(consonant_arabic(c));
    }
    collapse(out)
}

fn consonant_arabic(c: char) -> Option<char> {
    Some(match c {
        'ب' | 'پ' => 'B',
        'ت' | 'ط' | 'ث' => 'T',
        'د' | 'ض' | 'ظ' => 'D',
        'ذ' | 'ز' | 'ژ' => 'Z',
        'ف' | 'ڤ' => 'F',
        'ج' | 'غ' | 'گ' | 'چ' => 'G',
        'ك' | 'ق' => 'K',
        'ه' | 'ح' => 'H',
        'خ' => 'X',
        'ل' => 'L',
        'م' => 'M',
        'ن' => 'N',
        'ر' => 'R',
        'س' | 'ص' | 'ش' => 'S',
        _ => return None,
    })
}

/// Doubled classes written once (ff, لل, تط).
fn collapse(mut v: Vec<char>) -> String {
    v.dedup();
    v.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalize;

    fn same(latin: &str, arabic: &str) -> bool {
        latin_skeleton(latin) == arabic_skeleton(&normalize(arabic))
    }

    #[test]
    fn names_in_latin_and_arabic_letters_share_a_skeleton() {
        for (l, a) in [
            ("Witkoff", "ويتكوف"),
            ("Dmitriev", "دميترييف"),
            ("Benkirane", "بنكيران"),
            ("Putin", "بوتين"),
            ("Trump", "ترامب"),
            ("Trump", "ترمب"),
            ("Moscow", "موسكو"),
            ("Kirill", "كيريل"),
            ("Miami", "ميامي"),
            ("Riyadh", "الرياض"),
            ("Mohammed", "محمد"),
            ("Chirac", "شيراك"),
            ("Zelensky", "زيلينسكي"),
            ("Khamenei", "خامنئي"),
        ] {
            assert!(
                same(l, a),
                "{l} {} vs {a} {}",
                latin_skeleton(l),
                arabic_skeleton(&normalize(a))
            );
        }
    }

    #[test]
    fn different_names_differ() {
        assert!(!same("Putin", "ترامب"));
        assert!(!same("Moscow", "ميامي"));
        assert!(!same("Witkoff", "دميترييف"));
        assert_eq!(latin_skeleton("aeiou"), "");
        assert_eq!(arabic_skeleton("ايوا"), "");
    }
}
