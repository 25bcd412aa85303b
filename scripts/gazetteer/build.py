#!/usr/bin/env python3
"""Build crates/fahras-core/data/gazetteer.tsv from public data plus the hand-curated file.

Sources (fetched as npm packages, never committed; see fetch.sh):
  - i18n-iso-countries  langs/ar.json, langs/en.json     Arabic + English country names (MIT)
  - world-countries     countries.json                   Arabic common/official names, English
                                                          names, capitals (ODbL)
  - cldr-localenames-full main/ar|en/territories.json    Arabic/English territory and region
                                                          names (Unicode License)
  - cldr-dates-full     main/ar|en/timeZoneNames.json    exemplar cities, Arabic <-> English
                                                          (Unicode License)
  - crates/fahras-core/data/gazetteer-curated.tsv        people, organisations, extra places and
                                                          aliases, typed by hand

Usage:  scripts/gazetteer/fetch.sh /tmp/gaz && python3 scripts/gazetteer/build.py /tmp/gaz
"""

import json
import os
import re
import sys
import unicodedata

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DATA = os.path.join(ROOT, "crates", "fahras-core", "data")

# Exemplar cities of time zones that are not "major cities" or whose Arabic form is a common
# word (ترك "left", سمراء "brunette", العيون "the eyes", نوم "sleep", ماهي "what is") or
# simply wrong in CLDR (برثا for Perth, سيتا for Ceuta). Keyed by zone id (last part).
TZ_EXCLUDE = set("""
Truk Samara Perth Darwin Juneau Center Nome Mahe Enderbury Easter Wake Christmas Oral Dawson
Thule Lower_Princes Unknown Beulah Tell_City Knox Marengo Petersburg Vevay Winamac Monticello
Menominee Vincennes New_Salem El_Aaiun Ceuta Kuching Stanley Canary Cocos Belem Santarem Eirunepe
Creston Regina Swift_Current Goose_Bay Glace_Bay Coral_Harbour Resolute Rankin_Inlet Cambridge_Bay
Inuvik Fort_Nelson Dawson_Creek Whitehorse Moncton Iqaluit Blanc-Sablon Danmarkshavn Scoresbysund
Godthab Miquelon Grand_Turk Ojinaga Bahia_Banderas Hovd Khandyga Ust-Nera Srednekolymsk Busingen
Mariehamn Metlakatla Yakutat Sitka Adak Boise Kralendijk Marigot Pontianak Makassar Jayapura Aqtau
Aqtobe Atyrau Qostanay Qyzylorda Famagusta Eucla Broken_Hill Lindeman Lord_Howe Macquarie Kosrae
Ponape Kwajalein Gambier Marquesas Fakaofo Efate Tongatapu Funafuti Midway Norfolk Chatham
Rio_Gallegos San_Luis La_Rioja Salta Tucuman Catamarca Jujuy Cuiaba Araguaina Campo_Grande Boa_Vista
Porto_Velho Rio_Branco Maceio Noronha Coyhaique Punta_Arenas Hermosillo Chihuahua Mazatlan
Matamoros Merida Anadyr Magadan Chita Barnaul Tomsk Omsk Novokuznetsk Ulyanovsk Kirov Saratov
Ulaanbaatar Louisville Indianapolis Detroit Phoenix Denver Vancouver Edmonton Winnipeg Toronto
Halifax St_Johns Bahia Recife Fortaleza Manaus Mendoza Cordoba Galapagos Pitcairn Rothera Palmer
Troll Syowa Mawson Davis Vostok Casey DumontDUrville McMurdo Longyearbyen Kerguelen Azores Madeira
Guernsey Jersey Isle_of_Man Gibraltar
""".split())
# Keep these large cities even though their zone group is excluded above by name clash; listed
# separately so the exclusion list stays about clashes.
TZ_KEEP = set("Detroit Phoenix Denver Vancouver Edmonton Winnipeg Toronto Recife Fortaleza Manaus".split())

# CLDR Arabic exemplar names that need a fix or an extra common spelling.
TZ_FIX = {
    "Hebron": ("الخليل", ["هيبرون"]),
    "Saigon": ("هو تشي منه", ["مدينة هو تشي منه", "سايغون"]),
    "Rangoon": ("يانغون", ["رانغون"]),
    "Calcutta": ("كولكاتا", ["كالكتا"]),
    "Urumqi": ("أورومتشي", ["أرومكي"]),
    "Kiev": ("كييف", []),
    "Mogadishu": ("مقديشو", ["مقديشيو"]),
    "Los_Angeles": ("لوس أنجلوس", ["لوس انجلوس"]),
    "Jerusalem": ("القدس", []),
    "Amman": ("عمّان", []),
}

# Arabic names of capitals that have no time zone of their own (English as in world-countries).
CAPITALS_AR = {
    "Andorra la Vella": "أندورا لا فيلا", "Abu Dhabi": "أبوظبي|أبو ظبي",
    "Saint John's": "سانت جونز", "Canberra": "كانبرا", "Gitega": "جيتيغا", "Manama": "المنامة",
    "Belmopan": "بلموبان", "Sucre": "سوكري", "Brasília": "برازيليا", "Bridgetown": "بريدجتاون",
    "Bandar Seri Begawan": "بندر سري بكاوان", "Ottawa": "أوتاوا", "Bern": "برن",
    "Beijing": "بكين|بيجين", "Yamoussoukro": "ياموسوكرو", "Yaoundé": "ياوندي",
    "Moroni": "موروني", "Praia": "برايا", "San José": "سان خوسيه", "Roseau": "روسو",
    "Quito": "كيتو", "Suva": "سوفا", "Palikir": "باليكير", "St. George's": "سانت جورجز",
    "Guatemala City": "مدينة غواتيمالا", "Georgetown": "جورج تاون", "New Delhi": "نيودلهي|نيو دلهي",
    "Kingston": "كينغستون", "Astana": "أستانا", "South Tarawa": "تاراوا الجنوبية",
    "Basseterre": "باستير", "Kuwait City": "مدينة الكويت", "Castries": "كاستريس",
    "Rabat": "الرباط", "Malé": "ماليه", "Valletta": "فاليتا", "Naypyidaw": "نايبيداو",
    "Ulan Bator": "أولان باتور|أولانباتار", "Port Louis": "بورت لويس", "Lilongwe": "ليلونغوي",
    "Abuja": "أبوجا", "Yaren": "يارين", "Wellington": "ويلينغتون", "Islamabad": "إسلام آباد",
    "Panama City": "مدينة بنما", "Ngerulmud": "نجيرولمود", "Doha": "الدوحة", "Honiara": "هونيارا",
    "San Salvador": "سان سلفادور", "Lobamba": "لوبامبا", "Victoria": "فيكتوريا",
    "Nuku'alofa": "نوكوالوفا", "Ankara": "أنقرة", "Dodoma": "دودوما",
    "Washington D.C.": "واشنطن|واشنطن العاصمة", "Kingstown": "كينغستاون", "Hanoi": "هانوي",
    "Port Vila": "بورت فيلا", "Sana'a": "صنعاء", "Pretoria": "بريتوريا",
    "Bloemfontein": "بلومفونتين", "Cape Town": "كيب تاون",
}
# English capital spellings that differ between world-countries and CLDR.
CAPITAL_EN_ALIAS = {"N'Djamena": "Ndjamena", "Kyiv": "Kiev", "Chișinău": "Chisinau",
                    "Tbilisi": "Tbilisi", "Nur-Sultan": "Astana"}
LABEL_FIX = {"Washington D.C.": "Washington, D.C."}

# Nationality adjectives (masculine singular) the regular rule gets wrong or cannot build.
ADJ_IRREGULAR = {"US": "أمريكي", "GB": "بريطاني", "AE": "إماراتي", "AF": "أفغاني",
                 "AT": "نمساوي", "BY": "بيلاروسي", "CZ": "تشيكي", "NL": "هولندي"}
# Regions and pseudo-territories that are not places to chip (or are organisations).
REGION_SKIP = {"001", "EU", "EZ", "UN", "QO", "ZZ", "XA", "XB", "053", "054", "057", "061", "202",
               "021"}

# Single words that are place names but far more often ordinary Arabic words in news text:
# مالي "financial", بنين "boys", ماليه = مالية "financial (f.)", ديلي "Daily" (Daily Mail…),
# فيكتوريا a given name. The place keeps its longer aliases (جمهورية مالي).
BLOCKED_ALIASES = {"مالي", "بنين", "ماليه", "ديلي", "فيكتوريا"}

HARAKAT = re.compile("[\u064B-\u065F\u0670\u0640]")


def norm(s):
    """Python twin of fahras_core::text::normalize for Arabic (enough to detect collisions)."""
    s = unicodedata.normalize("NFKC", s)
    s = HARAKAT.sub("", s)
    for a, b in (("أ", "ا"), ("إ", "ا"), ("آ", "ا"), ("ٱ", "ا"), ("ى", "ي"), ("ة", "ه"), ("ؤ", "و"), ("ئ", "ي")):
        s = s.replace(a, b)
    s = re.sub(r"[^\w+]+", " ", s.lower()).strip()
    return s


def slug(en):
    s = unicodedata.normalize("NFKD", en)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = re.sub(r"[^a-z0-9]+", "-", s).strip("-")
    return s


def clean(name):
    name = re.sub(r"\s*\(.*?\)\s*", " ", name)
    return " ".join(name.split())


def variants(alias):
    """Spelling variants the folding in `normalize` does not cover."""
    out = {alias}
    out.add(re.sub("([أا])مريك", "\\1ميرك", alias))
    out.add(re.sub("([أا])ميرك", "\\1مريك", alias))
    # Egyptian papers write a foreign hard g as ج (بوينج، هامبورج) where others write غ.
    out.add(re.sub(r"(?<=[نر])غ(?=\s|$)", "ج", alias))
    return sorted(out)


def nisba(name):
    """Regular nationality adjective of a one-word country name: روسيا→روسي, مصر→مصري."""
    w = name[2:] if name.startswith("ال") else name
    if " " in w or len(w) < 3 or w.endswith("ي"):
        return None
    if w.endswith("يا"):
        return w[:-1]
    if w.endswith("ية"):
        return w[:-1]
    if w.endswith("ا") or w.endswith("ة"):
        return w[:-1] + "ي"
    return w + "ي"


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def main():
    npm = sys.argv[1] if len(sys.argv) > 1 else "/tmp/gaz"
    iso = os.path.join(npm, "i18n-iso-countries", "package", "langs")
    iso_ar = load(os.path.join(iso, "ar.json"))["countries"]
    wc = {c["cca2"]: c for c in load(os.path.join(npm, "world-countries", "package", "countries.json"))}
    terr = lambda lang: load(os.path.join(npm, "cldr-localenames-full", "package", "main", lang, "territories.json"))["main"][lang]["localeDisplayNames"]["territories"]
    t_ar, t_en = terr("ar"), terr("en")
    tz = lambda lang: load(os.path.join(npm, "cldr-dates-full", "package", "main", lang, "timeZoneNames.json"))["main"][lang]["dates"]["timeZoneNames"]["zone"]
    z_ar, z_en = tz("ar"), tz("en")

    entries = {}  # id -> dict
    order = []

    def add(eid, kind, name, label, aliases, adjs, source):
        if eid in entries:
            e = entries[eid]
            for a in aliases:
                if a not in e["aliases"]:
                    e["aliases"].append(a)
            for a in adjs:
                if a not in e["adjectives"]:
                    e["adjectives"].append(a)
            if source not in e["source"]:
                e["source"].append(source)
            return
        entries[eid] = {"id": eid, "type": kind, "name": name, "label": label,
                        "aliases": [a for a in aliases if a != name], "adjectives": list(adjs),
                        "source": [source]}
        order.append(eid)

    # Curated first: it wins every alias collision.
    curated_path = os.path.join(DATA, "gazetteer-curated.tsv")
    pending_ext = []
    with open(curated_path, encoding="utf-8") as f:
        header_seen = False
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            if not header_seen:
                header_seen = True
                continue
            p = line.split("\t")
            if len(p) != 6:
                sys.exit(f"{curated_path}:{n}: expected 6 tab-separated fields, found {len(p)}")
            eid, kind, name, label, aliases, adjs = p
            aliases = [a for a in aliases.split("|") if a]
            adjs = [a for a in adjs.split("|") if a]
            if name == "=":
                pending_ext.append((eid, aliases, adjs))
            else:
                add(eid, kind, name, label, aliases, adjs, "curated")

    # Countries and territories.
    for code in sorted(iso_ar):
        c = wc.get(code)
        en = c["name"]["common"] if c else t_en.get(code, code)
        names = []
        short = t_ar.get(code + "-alt-short")
        main_ar = t_ar.get(code)
        common = c and c["translations"].get("ara", {}).get("common")
        name = clean(short or common or main_ar or "")
        if not name:
            continue
        for a in (main_ar, t_ar.get(code + "-alt-variant"), c and c["translations"].get("ara", {}).get("common"),
                  c and c["translations"].get("ara", {}).get("official")):
            if a:
                names.append(clean(a))
        v = iso_ar[code]
        names += [clean(x) for x in (v if isinstance(v, list) else [v])]
        adj = ADJ_IRREGULAR.get(code) or (nisba(name) if c and c.get("independent") else None)
        add("place:" + slug(en), "place", name, en, names, [adj] if adj else [], "cldr-territories,i18n-iso-countries,world-countries")
    for code, ar in t_ar.items():
        if code.isdigit() and code not in REGION_SKIP:
            add("place:" + slug(t_en[code]), "place", clean(ar), t_en[code], [], [], "cldr-territories")

    # Cities: time-zone exemplar cities, then capitals.
    cities = {}
    def walk(o, oe, path):
        for k, v in o.items():
            if not isinstance(v, dict):
                continue
            ve = oe.get(k, {}) if isinstance(oe, dict) else {}
            if "exemplarCity" in v:
                en = (ve.get("exemplarCity") if isinstance(ve, dict) else None) or k.replace("_", " ")
                cities[k] = (path[0], v["exemplarCity"], en)
            else:
                walk(v, ve, path + [k])
    walk(z_ar, z_en, [])
    by_en = {}
    for key, (group, ar, en) in cities.items():
        if group in ("Antarctica", "Etc") or (key in TZ_EXCLUDE and key not in TZ_KEEP):
            continue
        aliases = []
        if key in TZ_FIX:
            ar, aliases = TZ_FIX[key]
        by_en[en] = (ar, aliases)
        by_en[key.replace("_", " ")] = (ar, aliases)
    for code in sorted(wc):
        c = wc[code]
        if not c.get("independent"):
            continue
        for cap in c.get("capital", []):
            en = CAPITAL_EN_ALIAS.get(cap, cap)
            if en in by_en:
                ar, aliases = by_en.pop(en)
                for k, v in list(by_en.items()):
                    if v[0] == ar:
                        by_en.pop(k)
            elif cap in CAPITALS_AR:
                ar, *aliases = CAPITALS_AR[cap].split("|")
            else:
                continue
            label = LABEL_FIX.get(cap, cap)
            add("place:" + slug(label), "place", ar, label, aliases, [], "world-countries,cldr-timezones")
    seen = set()
    for en, (ar, aliases) in sorted(by_en.items()):
        if ar in seen:
            continue
        seen.add(ar)
        eid = "place:" + slug(en)
        if eid in entries:
            eid += "-city"
        add(eid, "place", ar, en, aliases, [], "cldr-timezones")

    for eid, aliases, adjs in pending_ext:
        if eid not in entries:
            sys.exit(f"gazetteer-curated.tsv: `{eid}` extends no generated entry")
        add(eid, entries[eid]["type"], None, None, aliases, adjs, "curated")

    # Spelling variants, then collisions: an alias belongs to the first entry that claims it.
    owner = {}
    kept = []
    BLOCKED_NORM = {norm(b) for b in BLOCKED_ALIASES}
    for eid in order:
        e = entries[eid]
        forms = []
        for a in [e["name"]] + e["aliases"]:
            for v in variants(a):
                if v not in forms:
                    forms.append(v)
        mine = []
        for a in forms:
            k = norm(a)
            if not k or k in owner or k in BLOCKED_NORM:
                continue  # someone else's, or a spelling of one of ours already kept
            owner[k] = eid
            mine.append(a)
        if not mine:
            continue  # every name is someone else's (Kuwait City's الكويت is the country's)
        if mine[0] != e["name"]:
            e["name"] = mine[0]
        e["aliases"] = [a for a in mine if a != e["name"]]
        adjs = []
        for a in e["adjectives"]:
            for v in variants(a):
                if norm(v) not in owner and v not in adjs:
                    adjs.append(v)
        e["adjectives"] = adjs
        kept.append(e)

    kinds = {"person": 0, "org": 1, "place": 2}
    kept.sort(key=lambda e: (kinds[e["type"]], e["id"]))
    out = os.path.join(DATA, "gazetteer.tsv")
    with open(out, "w", encoding="utf-8") as f:
        f.write("# Fahras gazetteer: people, places and organisations with Arabic aliases.\n")
        f.write("# GENERATED by scripts/gazetteer/build.py; edit data/gazetteer-curated.tsv and rerun.\n")
        f.write("# Sources: Unicode CLDR 48 (cldr-localenames-full territories, cldr-dates-full time-zone\n")
        f.write("#   exemplar cities; Unicode License v3), i18n-iso-countries 7.14 (MIT), world-countries 5.1\n")
        f.write("#   (ODbL 1.0), and data/gazetteer-curated.tsv (hand-curated). See data/SOURCES.md.\n")
        f.write("# Columns: id, type, name, label_en, aliases (|-separated), adjectives (nationality,\n")
        f.write("#   |-separated), source.\n")
        f.write("id\ttype\tname\tlabel_en\taliases\tadjectives\tsource\n")
        for e in kept:
            f.write("\t".join([e["id"], e["type"], e["name"], e["label"] or "", "|".join(e["aliases"]),
                               "|".join(e["adjectives"]), ",".join(e["source"])]) + "\n")
    counts = {}
    for e in kept:
        counts[e["type"]] = counts.get(e["type"], 0) + 1
    print(f"wrote {out}: {len(kept)} entries {counts}")


if __name__ == "__main__":
    main()
