//! Closed word lists the rules need: function words, frequent news verbs and nouns (to tell a
//! name from an ordinary word after a title), titles, and the trigger words of each type.
//! Written as Arabic writers write them; normalised once at first use.

use crate::hash::{HashMap, HashSet};
use std::sync::OnceLock;

use crate::text::normalize;

const STOPWORDS: &str =
    "في من إلى الى على عن مع أن ان إن لا لم لن ما ماذا هل قد كان كانت يكون تكون \
    كانوا هذا هذه ذلك تلك هؤلاء الذي التي الذين اللذين اللتين اللذان اللتان ثم أو او بل لكن لكنه \
    لكنها حيث بعد قبل خلال منذ حتى عند عندما بين أمام وراء فوق تحت ضد نحو حول دون غير سوى كل بعض \
    أي أيضا كما لما إذا لو كي لكي مثل أكثر أقل جدا فقط نفس ذاته ذاتها هو هي هم هما نحن أنا أنت \
    أنتم له لها لهم لنا به بها بهم فيه فيها فيهم منه منها منهم عنه عنها عليه عليها عليهم إليه \
    إليها معه معها بأن بأنه بأنها أنه أنها إنه إنها لأن وفق وفقا لدى لذلك كذلك بينما فيما ضمن عبر \
    إزاء تجاه بشأن بسبب رغم برغم وسط جراء إثر عقب لدى هناك هنا الآن اليوم أمس غدا مساء صباح ظهر \
    فجر ليلة يوم أيام أسبوع شهر سنة عام نحو قرابة حوالي نحوا بنحو أنّ إنّ التي والذي وهو وهي";

const VERBS: &str = "قال قالت قالوا يقول تقول أكد أكدت يؤكد تؤكد أعلن أعلنت يعلن تعلن أضاف أضافت \
    يضيف أشار أشارت يشير تشير أوضح أوضحت يوضح زار زارت يزور تزور وصل وصلت يصل تصل التقى التقت \
    يلتقي تلتقي بحث بحثت يبحث تبحث دعا دعت يدعو تدعو طالب طالبت يطالب شدد شددت يشدد اعتبر اعتبرت \
    يعتبر رأى يرى ترى كشف كشفت يكشف نفى نفت ينفي هدد هددت يهدد حذر حذرت يحذر وقع وقعت يوقع \
    استقبل استقبلت يستقبل عقد عقدت يعقد ناقش ناقشت يناقش تحدث تحدثت يتحدث اتهم اتهمت يتهم قرر \
    قررت يقرر رفض رفضت يرفض وافق وافقت يوافق غادر غادرت يغادر عاد عادت يعود توجه توجهت يتوجه أجرى \
    أجرت يجري جرى شارك شاركت يشارك ترأس ترأست يترأس أعرب أعربت يعرب رحب رحبت يرحب أدان أدانت \
    يدين ندد نددت طلب طلبت يطلب أمر أمرت أصدر أصدرت يصدر وعد يأتي تأتي جاء جاءت بات أصبح أصبحت \
    صار كتب كتبت يكتب ذكر ذكرت يذكر نقل نقلت ينقل أفاد أفادت يفيد أبلغ أبلغت أشاد أشادت يشيد \
    أكدا قالا سيلتقي سيجري سيزور ستلتقي يواجه تواجه يسعى تسعى سعى لعب يلعب تلعب قام قامت يقوم \
    تقوم أجاب أجابت يجيب صرح صرحت يصرح وصف وصفت يصف يعتزم تعتزم اقترح اقترحت يقترح أبدى أبدت \
    يبدي أعتبر ينتظر تنتظر يتوقع تتوقع توقع توقعت يريد تريد أراد يمكن يجب ينبغي يبدو بدا بدأ بدأت \
    يبدأ تبدأ انتقد انتقدت ينتقد طمأن وجه وجهت يوجه حث حثت يحث أعلنا اجتمع اجتمعت يجتمع";

/// Ordinary words (nouns, adjectives, adverbs) that follow titles and trigger words: never a
/// name. Listed without the article; the article form is covered too.
const COMMON: &str = "نظير نظيره نظيرته نظراؤه خاص خاصة سابق سابقة أسبق حالي حالية جديد جديدة منتخب \
    منتخبة مؤقت عام عامة أعلى تنفيذي أول أولى ثاني ثانية ثالث ثالثة دائم دائمة مساعد مساعدة أممي \
    دولي دولية إقليمي إقليمية عربي عربية أوروبي أوروبية إفريقي أفريقي آسيوي خليجي غربي غربية شرقي \
    شرقية شمالي جنوبي رسمي رسمية رسميا شخصيا بنفسه نفسه مؤخرا حاليا سابقا أيضا زيارة بزيارة لزيارة \
    رسالة كلمة خطاب بيان تصريح تصريحات مقابلة لقاء اجتماع محادثات مباحثات اتصال اتصالا هاتفيا \
    هاتفي مكالمة إدارة حكومة دولة البلاد بلاده بلادها وزارة الوزارة رئاسة مكتب مقر منصب منصبه \
    ولاية ولايته فترة مرحلة جولة قمة مؤتمر مؤتمرا صحفي صحفيا صحفية مسؤول مسؤولون مسؤولين مسؤولة \
    كبير كبيرة كبار بارز بارزة رفيع رفيعة المستوى وفد وفدا عدد عددا جملة سلسلة مجموعة مجموعات \
    نفط غاز طاقة أنباء إخبارية إلكتروني إلكترونية اتصالات طرق عمل تواصل إرهابية مسلحة عالمية \
    محلية كبرى صغيرة ناشئة حكومية تابعة مملوكة مرتبطة تكنولوجيا طيران تأمين استثمار إعلام أخبار \
    تلفزيون تلفزيونية فضائية سياحة شحن نقل تعدين بناء أدوية سيارات سيارة إنترنت الكترونية أمريكية \
    أميركية أمنية عسكرية سياسية اقتصادية إنسانية حقوقية دبلوماسية ثنائية مشتركة متحدة موحدة \
    أخرى آخر آخرين أخريين ذات ذو ذوي واحد واحدة اثنين اثنان كلا كلتا جميع معظم أغلب عدة شخص أشخاص \
    رجل امرأة طفل أطفال شاب شابة مواطن مواطنين سكان عناصر قوات جنود مقاتلين مصادر مصدر تقارير \
    تقرير وسائل وكالات مواقع شبكات صحف صحيفة قناة قنوات إضافي إضافية وحيد فريد مهم مهمة هام هامة \
    عالي عالية كثير كثيرة قليل قليلة كامل كاملة جزئي ذاتي إداري إدارية مالي مالية فني فنية أمني \
    عسكري سياسي اقتصادي تجاري تجارية صناعي صناعية زراعي زراعية علمي علمية طبي طبية صحي صحية \
    تعليمي تقني تقنية رقمي رقمية نووي نووية فضائي جوي جوية بحري بحرية بري برية وطني وطنية قومي \
    قومية شعبي شعبية ديني دينية إسلامي إسلامية مسيحي يهودي يهودية مدني مدنية قضائي قضائية تشريعي \
    برلماني برلمانية انتخابي انتخابية أساسي أساسية رئيسي رئيسية مركزي مركزية محوري محورية \
    ميداني ميدانية اجتماعي اجتماعية ثقافي ثقافية رياضي رياضية فنان أجنبي أجنبية محلي داخلي \
    داخلية خارجي خارجية متحدث ناطق مبعوث ممثل ممثلة بالإنابة بالوكالة المكلف مكلف ماض ماضي \
    الماضي المقبل القادم الجاري الحالي المنصرم أسبوع الأسبوع شهر الشهر سنة السنة أيام ساعات \
    سبل آليات مناقشة تعزيز بحث دقائق ثوان ليلة صباحا مساء ظهرا عصرا فجرا منتصف بداية نهاية مطلع أواخر أوائل حتى بلا";

/// Titles and roles that come before a person's name (written without the article where it
/// can take one; the article and clitic forms are derived).
const TITLES: &str = "رئيس رئيسة الرئيس الرئيسة مبعوث مبعوثة متحدث متحدثة ناطق ناطقة وزير وزيرة \
    ملك ملكة أمير أميرة شيخ شيخة سفير سفيرة جنرال عقيد لواء عميد مشير مستشار مستشارة سيناتور \
    نائب نائبة دكتور دكتورة د مدرب مدربة لاعب لاعبة مهاجم حارس مدافع نجم نجمة أمين أمينة مدير \
    مديرة مرشح مرشحة زعيم زعيمة قائد قائدة مفوض مفوضة صحفي صحفية كاتب كاتبة خبير خبيرة محلل \
    محللة بابا ولي سلطان إمام مرشد قاضي قاضية محامي محامية ممثل ممثلة مغني مغنية فنان فنانة \
    باحث باحثة بروفيسور أستاذ أستاذة مراسل مراسلة نظير نظيره نظيرته سيد سيدة السيد السيدة عضو \
    عضوة حاكم حاكمة عمدة محافظ محافظة رئيسا مساعد مساعدة نائبا سكرتير سكرتيرة المتحدث الناطق";

/// Words between a title and the name that belong to the title ("رئيس وزراء", "وزير خارجية",
/// "الأمين العام", "ولي العهد").
const TITLE_TAIL: &str =
    "وزراء خارجية دفاع داخلية مالية خزانة طاقة اقتصاد تجارة صحة عدل مجلس حكومة \
    شؤون لشؤون للشؤون عام خاص العهد أركان هيئة جهاز دولة الدولة باسم لدى مكتب إدارة";

const PLACE_TRIGGERS: &str = "مدينة بلدة قرية محافظة ولاية ولايات إقليم عاصمة العاصمة جزيرة مخيم \
    مقاطعة مدن قرى محافظات بلدات";
/// Place triggers after which an Arabic name with the article may follow (مدينة الفاشر).
const PLACE_TRIGGERS_ARTICLE: &str = "مدينة بلدة قرية محافظة مخيم مدن قرى محافظات بلدات";

/// Words that describe an organisation without being part of its name ("شبكة سي إن إن").
const ORG_DESCRIPTORS: &str = "شركة شركات وكالة موقع شبكة صحيفة صحف جريدة مجلة قناة منصة منظمة \
    حركة جماعة تنظيم مجموعة نادي أندية";
/// Descriptors after which an Arabic name with the article may follow (نادي الهلال).
const ORG_DESCRIPTORS_ARTICLE: &str = "نادي صحيفة جريدة مجلة قناة";
/// Words that head an organisation's name and are part of it ("وزارة الخزانة", "مجلس الأمن").
const ORG_HEADS: &str = "وزارة هيئة مجلس حزب اتحاد جامعة بنك مصرف صندوق محكمة مفوضية مؤسسة جمعية";
/// Ministries named by their portfolio and a nationality adjective ("الخارجية الروسية").
const MINISTRY_PORTFOLIOS: &str = "الخارجية الدفاع الداخلية الخزانة";
/// Nouns a portfolio word qualifies as an adjective ("السياسة الخارجية الأمريكية").
const NOT_MINISTRY_BEFORE: &str = "سياسة السياسة سياسات السياسات علاقات العلاقات التجارة تجارة \
    الشؤون شؤون الديون ديون الحدود حدود الاستثمارات استثمارات القوات قوات";
/// Inside a multi-word name: بن، آل، أبو، عبد، von/van/da…
const CONNECTORS: &str = "بن ابن بنت ولد آل أبو ابو أبي عبد دي دا دو دوس فون فان دير";
/// Follows a plural trigger and introduces a list ("شركات مثل فولكسفاغن ومرسيدس").
const LIST_INTRO: &str = "مثل منها بينها أبرزها ك";

pub(crate) struct Lexicon {
    pub stop: HashSet<String>,
    pub verbs: HashSet<String>,
    pub common: HashSet<String>,
    pub titles: HashSet<String>,
    pub title_tail: HashSet<String>,
    pub place_triggers: HashSet<String>,
    pub place_triggers_article: HashSet<String>,
    pub org_descriptors: HashSet<String>,
    pub org_descriptors_article: HashSet<String>,
    pub org_heads: HashSet<String>,
    pub portfolios: HashSet<String>,
    pub not_ministry_before: HashSet<String>,
    pub connectors: HashSet<String>,
    pub list_intro: HashSet<String>,
    /// Plural triggers (after which a coordinated list may follow).
    pub plural_triggers: HashSet<String>,
    pub months: HashMap<String, u8>,
}

fn set(words: &str) -> HashSet<String> {
    words.split_whitespace().map(normalize).collect()
}

/// A set of nouns that may carry the article: both forms.
fn set_with_article(words: &str) -> HashSet<String> {
    let mut out = HashSet::default();
    for w in words.split_whitespace().map(normalize) {
        match w.strip_prefix("ال") {
            Some(rest) if rest.chars().count() >= 2 => {
                out.insert(rest.to_owned());
            }
            _ => {
                out.insert(format!("ال{w}"));
            }
        }
        out.insert(w);
    }
    out
}

pub(crate) fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(|| Lexicon {
        stop: set(STOPWORDS),
        verbs: set(VERBS),
        common: set_with_article(COMMON),
        titles: set_with_article(TITLES),
        title_tail: set(TITLE_TAIL),
        place_triggers: set_with_article(PLACE_TRIGGERS),
        place_triggers_article: set_with_article(PLACE_TRIGGERS_ARTICLE),
        org_descriptors: set(ORG_DESCRIPTORS),
        org_descriptors_article: set(ORG_DESCRIPTORS_ARTICLE),
        org_heads: set(ORG_HEADS),
        portfolios: set(MINISTRY_PORTFOLIOS),
        not_ministry_before: set(NOT_MINISTRY_BEFORE),
        connectors: set(CONNECTORS),
        list_intro: set(LIST_INTRO),
        plural_triggers: set("ولايات مدن قرى محافظات بلدات شركات صحف أندية"),
        months: crate::date::month_table()
            .iter()
            .map(|(k, v)| (k.clone(), *v))
            .collect(),
    })
}
