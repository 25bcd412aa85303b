//! Arabic proclitics: conjunctions (و ف), prepositions (ب ك ل), the article (ال) and their
//! combinations, glued to the front of the next word (وويتكوف، لواشنطن، بالكرملين، للرئيس).
//! Shared by the stemmer and the entity lookup so both peel words the same way.

/// Every reading of a normalised word as `proclitics + rest`, whole word first, then by
/// increasing prefix length. Each item is `(prefix, rest)`; `rest` keeps at least two letters.
/// The article is offered both ways: `بالكرملين` yields `الكرملين` and `كرملين`.
pub fn proclitic_splits(word: &str) -> Vec<(&str, &str)> {
    let mut out = vec![("", word)];
    let chars: Vec<(usize, char)> = word.char_indices().collect();
    let at = |i: usize| chars.get(i).map(|&(_, c)| c);
    let byte = |i: usize| chars.get(i).map_or(word.len(), |&(b, _)| b);
    let mut push = |n: usize| {
        let rest = &word[byte(n)..];
        if n > 0 && rest.chars().count() >= 2 && !out.iter().any(|&(p, _)| p.len() == byte(n)) {
            out.push((&word[..byte(n)], rest));
        }
    };

    // conjunction? then preposition? then article?
    let mut i = 0;
    let conj = matches!(at(0), Some('و' | 'ف'));
    for with_conj in [false, true] {
        if with_conj && !conj {
            continue;
        }
        i = usize::from(with_conj);
        if with_conj {
            push(i);
        }
        // لل = ل + ال with the alef dropped: rest is the word after the article.
        if at(i) == Some('ل') && at(i + 1) == Some('ل') {
            push(i + 2);
        }
        if matches!(at(i), Some('ب' | 'ك' | 'ل')) {
            push(i + 1);
            if at(i + 1) == Some('ا') && at(i + 2) == Some('ل') {
                push(i + 3);
            }
        }
        if at(i) == Some('ا') && at(i + 1) == Some('ل') {
            push(i + 2);
        }
    }
    let _ = i;
    out.sort_by_key(|&(p, _)| p.len());
    out
}

#[cfg(test)]
mod tests {
    use super::proclitic_splits;

    fn rests(w: &str) -> Vec<&str> {
        proclitic_splits(w).into_iter().map(|(_, r)| r).collect()
    }

    #[test]
    fn whole_word_comes_first() {
        assert_eq!(rests("ويتكوف")[0], "ويتكوف");
        assert_eq!(rests("بوتين")[0], "بوتين");
    }

    #[test]
    fn conjunction_preposition_article() {
        assert!(rests("وويتكوف").contains(&"ويتكوف"));
        assert!(rests("لواشنطن").contains(&"واشنطن"));
        let r = rests("بالكرملين");
        assert!(r.contains(&"الكرملين") && r.contains(&"كرملين"));
        assert!(rests("وبالكرملين").contains(&"الكرملين"));
        assert!(rests("للرييس").contains(&"رييس"));
        assert!(rests("والولايات").contains(&"الولايات"));
        assert!(rests("فالحرب").contains(&"حرب"));
    }

    #[test]
    fn never_leaves_fewer_than_two_letters() {
        assert_eq!(rests("وب"), ["وب"]);
        assert!(rests("بال").iter().all(|r| r.chars().count() >= 2));
    }

    #[test]
    fn no_preposition_after_article() {
        // "ال" then "ب" is not a clitic chain: البيت must not yield "يت".
        assert!(!rests("البيت").contains(&"يت"));
    }
}
