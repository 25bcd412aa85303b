//! The explorer's logic, for the app to render: search plus entity/source filters, facet
//! counts, the reader's highlighted segments, related articles, the entity view and export.
//! The Leptos app calls [`Explorer::results`] and friends and only draws what they return.

mod export;
mod facets;
mod filters;
mod latin;
mod lazy;
mod reader;
mod related;
mod stories;

use crate::bundle::{Bundle, BundleError};
use crate::entities::{EntityKind, EntityTable};
use crate::model::Article;
use std::ops::Range;

use crate::search::{parse_query, Hit, Index, PartialMatch, Query, Ranking};
use crate::state::ViewState;

pub use export::{to_csv, to_json};
pub use facets::{Chip, FacetGroup, Facets, SourceChip, CHIPS_PER_GROUP};
pub use filters::{
    remove_typed_filter, strip_typed_filters, ActiveFilter, FilterKind, TypedFilters,
};
pub use lazy::MAX_GAP;
pub use reader::{EntityView, MentionContext, ReaderBlock, ReaderView, Segment};
pub use related::Related;
pub use stories::{SentenceFilter, StoryReport, StorySentence, StoryView};

/// Everything the app needs at run time, decoded once at start-up.
pub struct Explorer {
    pub articles: Vec<Article>,
    pub index: Index,
    /// The entity table and what is worked out from it: set at start-up, or on a split corpus
    /// when its piece arrives (see [`Explorer::entities`]).
    ents: std::sync::OnceLock<Ents>,
    /// The corpus's stories (see [`crate::stories`]).
    pub stories: Vec<crate::stories::Story>,
    /// Per article, its story.
    story_of: Vec<Option<u32>>,
    /// A split corpus's texts, fetched as views need them (`None`: all at hand).
    lazy: Option<lazy::Lazy>,
}

/// The entity table and its lookups.
#[derive(Default)]
struct Ents {
    table: EntityTable,
    /// Entity indices per article (deduplicated, most-mentioned first).
    article_entities: Vec<Vec<(u32, u32)>>,
    /// Arabic names for query words in Latin letters.
    latin: latin::LatinNames,
}

impl Ents {
    fn new(table: EntityTable, n_articles: usize) -> Ents {
        let mut article_entities = vec![Vec::new(); n_articles];
        for (e, ent) in table.entities.iter().enumerate() {
            for &(a, n) in &ent.articles {
                if let Some(list) = article_entities.get_mut(a as usize) {
                    list.push((e as u32, n));
                }
            }
        }
        for list in &mut article_entities {
            list.sort_by(|a: &(u32, u32), b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        }
        Ents {
            latin: latin::LatinNames::new(&table),
            table,
            article_entities,
        }
    }
}

/// One row of the result list.
#[derive(Debug, Clone)]
pub struct ResultItem {
    pub hit: Hit,
    /// The article's most-mentioned entities, for its chips.
    pub top_entities: Vec<u32>,
}

/// What the result list, facet panel and empty state show for one [`ViewState`].
#[derive(Debug, Clone, Default)]
pub struct Results {
    /// Hits for the first results (all of them, or a page: see [`Explorer::results_page`]).
    pub items: Vec<ResultItem>,
    pub facets: Facets,
    pub active: Vec<ActiveFilter>,
    /// For an empty result: closest dictionary words to the query's words, as the corpus
    /// spells them.
    pub suggested_terms: Vec<String>,
    /// For an empty result: active filters whose removal would give results, with that count.
    pub drop_filter: Vec<(ActiveFilter, usize)>,
    /// Set when no article has every word of the query and those with the most are shown.
    pub partial: Option<PartialMatch>,
    ranking: Ranking,
}

impl Results {
    /// How many articles the query and filters give (not just the rows in `items`).
    pub fn total(&self) -> usize {
        self.ranking.len()
    }

    /// Every result's article index, best first.
    pub fn articles(&self) -> impl ExactSizeIterator<Item = usize> + '_ {
        self.ranking.articles()
    }
}

impl Explorer {
    pub fn from_bytes(bytes: &[u8]) -> Result<Explorer, BundleError> {
        Explorer::from_bundle(Bundle::decode(bytes)?)
    }

    pub fn from_bundle(bundle: Bundle) -> Result<Explorer, BundleError> {
        let index = bundle.index()?;
        let story_of = crate::stories::story_of(&bundle.stories, bundle.articles.len());
        let n = bundle.articles.len();
        let ents = std::sync::OnceLock::new();
        // A split corpus's table is a piece of its own, unless there is none to fetch.
        if bundle.packs.as_ref().is_none_or(|p| p.n_entities == 0) {
            let _ = ents.set(Ents::new(bundle.entities, n));
        }
        let lazy = bundle.packs.map(|p| lazy::Lazy::new(p, n));
        Ok(Explorer {
            articles: bundle.articles,
            index,
            ents,
            stories: bundle.stories,
            story_of,
            lazy,
        })
    }

    pub fn article_by_id(&self, id: &str) -> Option<usize> {
        self.articles.iter().position(|a| a.id == id)
    }

    /// The entity table. On a split corpus whose table has not arrived, an empty one, and the
    /// table is noted as needed for facets and chips only (the view is shown without them).
    pub fn entities(&self) -> &EntityTable {
        &self.ents(false).table
    }

    /// As [`Explorer::entities`], for a view that is wrong without the table (it is noted as
    /// waited on).
    fn entities_waited(&self) -> &EntityTable {
        &self.ents(true).table
    }

    /// False on a split corpus until its entity table has arrived.
    pub fn entities_ready(&self) -> bool {
        self.ents.get().is_some()
    }

    fn ents(&self, wait: bool) -> &Ents {
        static NONE: std::sync::OnceLock<Ents> = std::sync::OnceLock::new();
        if let Some(e) = self.ents.get() {
            return e;
        }
        if let Some(lazy) = &self.lazy {
            lazy.want_entities(wait);
        }
        NONE.get_or_init(Ents::default)
    }

    /// The entity whose id is `id` (waits for a split corpus's table: a filter or a page names
    /// it).
    pub fn entity_by_id(&self, id: &str) -> Option<usize> {
        self.entities_waited()
            .entities
            .iter()
            .position(|e| e.id == id)
    }

    pub fn entity_kind(&self, e: u32) -> Option<EntityKind> {
        self.entities().entities.get(e as usize).map(|e| e.kind)
    }

    /// Entities of an article, most-mentioned first.
    pub fn article_entities(&self, article: usize) -> &[(u32, u32)] {
        self.ents(false)
            .article_entities
            .get(article)
            .map_or(&[], Vec::as_slice)
    }

    /// The result list, facets and empty-state help for a view state, with a hit (excerpt
    /// and highlights) for every result. `typing` matches the query's last word as a prefix
    /// (the search box is being edited).
    pub fn results(&self, state: &ViewState, typing: bool) -> Results {
        self.results_page(state, typing, usize::MAX)
    }

    /// As [`Explorer::results`], with hits built only for the first `page` results: a long
    /// list is ranked in full (count, facets, order) but only what is drawn is presented.
    pub fn results_page(&self, state: &ViewState, typing: bool, page: usize) -> Results {
        let typed = filters::split_typed(&state.query, self);
        let active = filters::active(state, &typed, self);
        let keep = |a: usize| filters::matches(self, a, &active, None);
        let query = self.query(&typed.rest);
        let ranking = self.index.rank_query(&self.articles, &query, typing, &keep);
        if self.index.lacks_postings() {
            // A split corpus still to fetch some of the query's lists: counts, facets, rows and
            // suggestions would all be wrong; the caller fetches the lists and asks again.
            return Results {
                ranking,
                ..Results::default()
            };
        }
        let hit_set: Vec<bool> = {
            let mut v = vec![false; self.articles.len()];
            for &a in ranking.matched() {
                if let Some(slot) = v.get_mut(a as usize) {
                    *slot = true;
                }
            }
            v
        };
        let facets = facets::count(self, &hit_set, &active, ranking.articles());
        let items = self.present(&ranking, 0..page);
        let mut out = Results {
            items,
            facets,
            active,
            partial: ranking.partial(),
            ranking,
            ..Results::default()
        };
        if out.ranking.is_empty() {
            out.suggested_terms = self
                .index
                .suggest(&typed.rest, 5)
                .into_iter()
                .map(|w| self.index.spelled(self, &w).unwrap_or(w))
                .collect();
            out.drop_filter = out
                .active
                .iter()
                .map(|f| {
                    let others: Vec<ActiveFilter> =
                        out.active.iter().filter(|g| *g != f).cloned().collect();
                    let n = hit_set
                        .iter()
                        .enumerate()
                        .filter(|&(a, &hit)| hit && filters::matches(self, a, &others, None))
                        .count();
                    (f.clone(), n)
                })
                .filter(|&(_, n)| n > 0)
                .collect();
        }
        out
    }

    /// The search words of a query string (typed filters already removed), parsed with the one
    /// analyser, words in Latin letters widened to the Arabic names they stand for.
    pub fn query(&self, text: &str) -> Query {
        let query = parse_query(text);
        if latin::has_latin_word(&query) {
            self.ents(true).latin.widen(query)
        } else {
            query
        }
    }

    /// Rows `range` of `results` (clamped), reusing the rows it already holds.
    pub fn items(&self, results: &Results, range: Range<usize>) -> Vec<ResultItem> {
        let held = range.end.min(results.items.len());
        let mut out = results
            .items
            .get(range.start.min(held)..held)
            .map_or_else(Vec::new, <[_]>::to_vec);
        out.extend(self.present(&results.ranking, range.start.max(held)..range.end));
        out
    }

    fn present(&self, ranking: &Ranking, range: Range<usize>) -> Vec<ResultItem> {
        ranking
            .hits(&self.index, self, range)
            .into_iter()
            .map(|hit| {
                let top_entities = self
                    .article_entities(hit.article)
                    .iter()
                    .take(6)
                    .map(|&(e, _)| e)
                    .collect();
                ResultItem { hit, top_entities }
            })
            .collect()
    }
}
