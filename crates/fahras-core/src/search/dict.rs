//! A dictionary (the forms, or the stems): its words by id, an exact look-up by hash, and the
//! `fst` map that typo, prefix and suggestion searches walk, built the first time one asks.
//!
//! Why not the map alone: the stored index keeps words as codes (see `format`), so a map has
//! to be built when the index is read. In the page, at 10,000 ANT articles, sorting the
//! forms and building the two maps took about 190 ms of the start-up (Chromium's profiler,
//! issue 17), while the first results of a query in the URL need only exact look-ups: the
//! maps wait until a search walks them, or until the page is idle ([`Dict::prepare`]).

use std::hash::BuildHasher;
use std::sync::OnceLock;

use fst::{Map, MapBuilder};
use hashbrown::hash_table::Entry;
use hashbrown::HashTable;

/// Words' text, one after another, with where each ends; a word's id is its place.
#[derive(Clone, Default)]
pub(crate) struct Words {
    pub(crate) text: Vec<u8>,
    pub(crate) ends: Vec<u32>,
}

impl Words {
    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }

    pub(crate) fn get(&self, id: u32) -> &[u8] {
        let id = id as usize;
        let start = match id {
            0 => 0,
            _ => self.ends.get(id - 1).map_or(0, |&e| e as usize),
        };
        let end = self.ends.get(id).map_or(start, |&e| e as usize);
        self.text.get(start..end).unwrap_or(&[])
    }

    /// Ends the word written into `text` since the last one; `None` past 4 GiB of text.
    pub(crate) fn end_word(&mut self) -> Option<()> {
        self.ends.push(u32::try_from(self.text.len()).ok()?);
        Some(())
    }

    pub(crate) fn last(&self) -> &[u8] {
        match self.ends.len() {
            0 => &[],
            n => self.get(n as u32 - 1),
        }
    }

    pub(crate) fn push(&mut self, word: &[u8]) -> Option<()> {
        self.text.extend_from_slice(word);
        self.end_word()
    }
}

/// Words by id, found by hash; their map (word → id) built on demand.
#[derive(Clone)]
pub(crate) struct Dict {
    words: Words,
    table: HashTable<u32>,
    hasher: foldhash::fast::RandomState,
    map: OnceLock<Map<Vec<u8>>>,
}

impl Dict {
    /// The dictionary of `words`, or the id of the first word that repeats an earlier one.
    pub(crate) fn new(words: Words) -> Result<Dict, u32> {
        let hasher = foldhash::fast::RandomState::default();
        let mut table = HashTable::with_capacity(words.len());
        for id in 0..words.len() as u32 {
            let word = words.get(id);
            let hash = hasher.hash_one(word);
            match table.entry(
                hash,
                |&other| words.get(other) == word,
                |&other| hasher.hash_one(words.get(other)),
            ) {
                Entry::Occupied(_) => return Err(id),
                Entry::Vacant(slot) => {
                    slot.insert(id);
                }
            }
        }
        Ok(Dict {
            words,
            table,
            hasher,
            map: OnceLock::new(),
        })
    }

    pub(crate) fn len(&self) -> usize {
        self.words.len()
    }

    /// The id of `word`, if the dictionary holds it.
    pub(crate) fn get(&self, word: &[u8]) -> Option<u32> {
        let hash = self.hasher.hash_one(word);
        self.table
            .find(hash, |&id| self.words.get(id) == word)
            .copied()
    }

    /// The word with id `id` (empty past the end).
    pub(crate) fn word(&self, id: u32) -> &[u8] {
        self.words.get(id)
    }

    /// The map word → id, for searches that walk the dictionary: built the first time.
    pub(crate) fn map(&self) -> &Map<Vec<u8>> {
        self.map.get_or_init(|| {
            let mut builder = MapBuilder::memory();
            for id in key_order(&self.words) {
                // The words are distinct (checked by `new`) and in key order here, the only
                // two things an fst builder writing to memory can refuse.
                builder
                    .insert(self.words.get(id), u64::from(id))
                    .expect("distinct words in key order");
            }
            builder.into_map()
        })
    }

    /// Builds the map now (when the page is idle) rather than at the first search needing it.
    pub(crate) fn prepare(&self) {
        let _ = self.map();
    }

    /// Whether the map has been built.
    #[cfg(test)]
    pub(crate) fn has_map(&self) -> bool {
        self.map.get().is_some()
    }
}

/// The words' ids in key order. Each is sorted by its first eight bytes as a number, and by
/// the whole word only where those are equal: in the page, a sort comparing whole words took
/// 96 of the 220 ms the dictionary then took to read at 10,000 articles, this one about 40.
fn key_order(words: &Words) -> Vec<u32> {
    let mut keyed: Vec<(u64, u32)> = (0..words.len() as u32)
        .map(|id| (lead_key(words.get(id)), id))
        .collect();
    // The stems come in key order already: the sort finds that in one pass.
    keyed.sort_unstable_by(|a, b| {
        a.0.cmp(&b.0)
            .then_with(|| words.get(a.1).cmp(words.get(b.1)))
    });
    keyed.into_iter().map(|(_, id)| id).collect()
}

/// A word's first eight bytes as a big-endian number, zero-padded: a smaller number is always
/// a smaller word (equal numbers may still be different words).
fn lead_key(word: &[u8]) -> u64 {
    let mut k = [0u8; 8];
    let n = word.len().min(8);
    k[..n].copy_from_slice(&word[..n]);
    u64::from_be_bytes(k)
}

#[cfg(test)]
mod tests {
    use fst::Streamer;

    use super::*;

    fn words(list: &[&str]) -> Words {
        let mut w = Words::default();
        for s in list {
            w.push(s.as_bytes()).unwrap();
        }
        w
    }

    #[test]
    fn words_are_found_by_hash_and_walked_in_key_order() {
        // Ids out of key order, words sharing their first eight bytes (four Arabic letters),
        // and one word a prefix of another.
        let list = ["والرئيس", "الرئيسية", "الرئيس", "ب", "الرئيسي", "a"];
        let dict = Dict::new(words(&list)).unwrap();
        for (id, w) in list.iter().enumerate() {
            assert_eq!(dict.get(w.as_bytes()), Some(id as u32), "{w}");
            assert_eq!(dict.word(id as u32), w.as_bytes());
        }
        assert_eq!(dict.get("الرئي".as_bytes()), None);
        let mut walked = Vec::new();
        let mut stream = dict.map().stream();
        while let Some((k, v)) = stream.next() {
            walked.push((String::from_utf8(k.to_vec()).unwrap(), v as usize));
        }
        let mut expect: Vec<(String, usize)> = list
            .iter()
            .enumerate()
            .map(|(i, w)| (w.to_string(), i))
            .collect();
        expect.sort();
        assert_eq!(walked, expect);
    }

    #[test]
    fn a_repeated_word_is_refused_with_its_id() {
        assert_eq!(Dict::new(words(&["قضية", "قضايا", "قضية"])).err(), Some(2));
    }
}
