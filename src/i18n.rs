//! Every interface string, in one place. Arabic is the default; English is one click away.

use fahras_core::entities::EntityKind;
use fahras_core::model::RemovalReason;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Ar,
    En,
}

impl Lang {
    pub fn from_state(code: Option<&str>) -> Lang {
        if code == Some("en") {
            Lang::En
        } else {
            Lang::Ar
        }
    }
    pub fn code(self) -> &'static str {
        match self {
            Lang::Ar => "ar",
            Lang::En => "en",
        }
    }
    pub fn dir(self) -> &'static str {
        match self {
            Lang::Ar => "rtl",
            Lang::En => "ltr",
        }
    }
}

pub struct Strings {
    pub app_name: &'static str,
    pub tagline: &'static str,
    pub search_label: &'static str,
    pub search_placeholder: &'static str,
    pub search_help: &'static str,
    pub switch_lang: &'static str,
    pub switch_lang_label: &'static str,
    pub theme_dark: &'static str,
    pub theme_light: &'static str,
    pub filters: &'static str,
    pub sources: &'static str,
    pub timeline: &'static str,
    pub active_filters: &'static str,
    pub clear_all: &'static str,
    pub remove_filter: &'static str,
    pub more: &'static str,
    pub results: &'static str,
    pub no_results: &'static str,
    pub try_terms: &'static str,
    pub try_drop_filter: &'static str,
    /// Before "2 of 3" when no article has every word.
    pub partial_notice: &'static str,
    pub of: &'static str,
    /// Before the words no shown article has.
    pub missing: &'static str,
    /// Before the buttons that search for a missing word alone.
    pub search_alone: &'static str,
    pub export_csv: &'static str,
    pub export_json: &'static str,
    pub close: &'static str,
    pub prev_hit: &'static str,
    pub next_hit: &'static str,
    pub no_hits: &'static str,
    pub show_removed: &'static str,
    pub removed_label: &'static str,
    pub related: &'static str,
    pub shared: &'static str,
    pub mentions: &'static str,
    pub cooccurring: &'static str,
    pub filter_by: &'static str,
    pub entity_details: &'static str,
    pub by: &'static str,
    pub derived_title: &'static str,
    pub unknown_filter: &'static str,
    pub keyboard_help: &'static str,
    pub load_error: &'static str,
    pub article_missing: &'static str,
    pub show_more: &'static str,
    pub stories: &'static str,
    pub story: &'static str,
    pub reports: &'static str,
    pub view_story: &'static str,
    pub more_reports: &'static str,
    pub one_row_per_story: &'static str,
    pub all_sentences: &'static str,
    pub only_here: &'static str,
    pub in_every: &'static str,
    pub only_here_count: &'static str,
    pub carried_by: &'static str,
    pub undated: &'static str,
    pub day: &'static str,
    pub some_reports: &'static str,
    pub differs: &'static str,
    pub no_sentences: &'static str,
    pub story_missing: &'static str,
}

const AR: Strings = Strings {
    app_name: "فهرس",
    tagline: "مستكشف الأخبار",
    search_label: "ابحث في المقالات",
    search_placeholder: "ابحث… (مثال: ترامب \"شبه جزيرة القرم\" -ميامي)",
    search_help:
        "الكلمات تُجمع، \"عبارة\" بين علامتي تنصيص، -كلمة للاستبعاد، OR بين البدائل، شخص:الاسم للتصفية",
    switch_lang: "English",
    switch_lang_label: "Switch the interface to English",
    theme_dark: "الوضع الداكن",
    theme_light: "الوضع الفاتح",
    filters: "التصفية",
    sources: "المصادر",
    timeline: "الخط الزمني",
    active_filters: "عوامل التصفية النشطة",
    clear_all: "مسح الكل",
    remove_filter: "إزالة عامل التصفية",
    more: "أخرى",
    results: "نتيجة",
    no_results: "لا توجد نتائج.",
    try_terms: "هل تقصد:",
    try_drop_filter: "أزل عامل التصفية:",
    partial_notice: "لا تضم أي مقالة كل كلمات البحث؛ هذه المقالات تضم",
    of: "من",
    missing: "ينقصها:",
    search_alone: "ابحث عنها وحدها:",
    export_csv: "تصدير CSV",
    export_json: "تصدير JSON",
    close: "إغلاق",
    prev_hit: "النتيجة السابقة",
    next_hit: "النتيجة التالية",
    no_hits: "لا تطابق",
    show_removed: "إظهار النص المحذوف",
    removed_label: "محذوف",
    related: "مقالات ذات صلة",
    shared: "مشترك",
    mentions: "مواضع الذكر",
    cooccurring: "يرد معه غالبًا",
    filter_by: "صفِّ النتائج به",
    entity_details: "تفاصيل",
    by: "بقلم",
    derived_title: "عنوان مستخرج من أول جملة",
    unknown_filter: "غير موجود في هذه المجموعة",
    keyboard_help: "/ للبحث، ↑↓ أو j/k للتنقل، Enter للفتح، Esc للإغلاق، n/N بين المطابقات",
    load_error: "تعذّر تحميل بيانات المقالات",
    article_missing: "لا يوجد في هذه المجموعة مقال بالمعرّف",
    show_more: "عرض المزيد",
    stories: "القصص",
    story: "القصة",
    reports: "تقارير",
    view_story: "قارن تقارير هذه القصة",
    more_reports: "تقارير أخرى لهذه القصة",
    one_row_per_story: "صف واحد لكل قصة",
    all_sentences: "كل الجمل",
    only_here: "في هذا التقرير فقط",
    in_every: "في كل التقارير",
    only_here_count: "فيه وحده",
    carried_by: "تقارير تذكرها",
    undated: "بلا تاريخ",
    day: "اليوم",
    some_reports: "أسماء لم تذكرها كل التقارير",
    differs: "يختلف عن التقرير",
    no_sentences: "لا جملة هنا تطابق هذا الاختيار.",
    story_missing: "لا قصة في هذه المجموعة تضم المقال",
};

const EN: Strings = Strings {
    app_name: "Fahras",
    tagline: "news explorer",
    search_label: "Search the articles",
    search_placeholder: "Search… (e.g. ترامب \"شبه جزيرة القرم\" -ميامي)",
    search_help: "Words are ANDed, \"quoted phrase\", -word excludes, OR between alternatives, person:name filters",
    switch_lang: "العربية",
    switch_lang_label: "التبديل إلى الواجهة العربية",
    theme_dark: "Dark theme",
    theme_light: "Light theme",
    filters: "Filters",
    sources: "Sources",
    timeline: "Timeline",
    active_filters: "Active filters",
    clear_all: "Clear all",
    remove_filter: "Remove filter",
    more: "more",
    results: "results",
    no_results: "No results.",
    try_terms: "Did you mean:",
    try_drop_filter: "Remove the filter:",
    partial_notice: "No article has every word; showing articles with",
    of: "of",
    missing: "Missing:",
    search_alone: "Search for it alone:",
    export_csv: "Export CSV",
    export_json: "Export JSON",
    close: "Close",
    prev_hit: "Previous match",
    next_hit: "Next match",
    no_hits: "no matches",
    show_removed: "Show removed text",
    removed_label: "removed",
    related: "Related articles",
    shared: "shared",
    mentions: "Mentions",
    cooccurring: "Often appears with",
    filter_by: "Filter results by it",
    entity_details: "Details",
    by: "By",
    derived_title: "title derived from the first sentence",
    unknown_filter: "not in this collection",
    keyboard_help: "/ search, ↑↓ or j/k move, Enter opens, Esc closes, n/N matches",
    load_error: "The article data could not be loaded",
    article_missing: "This collection has no article with the id",
    show_more: "Show more",
    stories: "Stories",
    story: "Story",
    reports: "reports",
    view_story: "Compare the reports of this story",
    more_reports: "more reports of this story",
    one_row_per_story: "One row per story",
    all_sentences: "All sentences",
    only_here: "Only in this report",
    in_every: "In every report",
    only_here_count: "only here",
    carried_by: "reports carry it",
    undated: "undated",
    day: "day",
    some_reports: "Named by only some reports",
    differs: "differs from report",
    no_sentences: "No sentence here matches this filter.",
    story_missing: "This collection has no story with the article",
};

pub fn strings(lang: Lang) -> &'static Strings {
    match lang {
        Lang::Ar => &AR,
        Lang::En => &EN,
    }
}

pub fn kind_label(lang: Lang, kind: EntityKind) -> &'static str {
    match (lang, kind) {
        (Lang::Ar, EntityKind::Person) => "أشخاص",
        (Lang::Ar, EntityKind::Place) => "أماكن",
        (Lang::Ar, EntityKind::Org) => "منظمات",
        (Lang::Ar, EntityKind::Date) => "تواريخ",
        (Lang::En, EntityKind::Person) => "People",
        (Lang::En, EntityKind::Place) => "Places",
        (Lang::En, EntityKind::Org) => "Organisations",
        (Lang::En, EntityKind::Date) => "Dates",
    }
}

pub fn kind_code(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Person => "person",
        EntityKind::Place => "place",
        EntityKind::Org => "org",
        EntityKind::Date => "date",
    }
}

pub fn reason_label(lang: Lang, r: RemovalReason) -> &'static str {
    use RemovalReason::*;
    match (lang, r) {
        (Lang::Ar, Navigation) => "قائمة تنقل الموقع",
        (Lang::Ar, Masthead) => "ترويسة الموقع",
        (Lang::Ar, Byline) => "سطر الكاتب",
        (Lang::Ar, Duplicate) => "سطر مكرر",
        (Lang::Ar, Advertisement) => "إعلان",
        (Lang::Ar, UiLabel) => "عنصر واجهة",
        (Lang::Ar, GeneratedSummary) => "ملخص آلي",
        (Lang::Ar, Caption) => "تعليق صورة",
        (Lang::En, Navigation) => "site navigation",
        (Lang::En, Masthead) => "masthead",
        (Lang::En, Byline) => "byline",
        (Lang::En, Duplicate) => "repeated line",
        (Lang::En, Advertisement) => "advertisement",
        (Lang::En, UiLabel) => "interface label",
        (Lang::En, GeneratedSummary) => "generated summary",
        (Lang::En, Caption) => "image caption",
    }
}
