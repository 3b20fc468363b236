#!/usr/bin/env python3
"""Synthetic evasion check: how much of what the rules catch survives each evasion.

Takes every development-corpus positive (rules/languages/*/corpus/*.jsonl) that the engine
puts at >= warning, applies ONE evasion class to it mechanically (look-alike letters,
zero-width spaces, letters spread with a separator, leetspeak, emoji after words or inside
them, ALL CAPS,
diacritics dropped, Russian-style Latin transliteration of Cyrillic — zh, sh, ch, ts, which
Serbian writers use less than dropped diacritics —, one slip in three words, emoji in place
of the words they stand for: `emoji_words`, per language; the words of the post's strongest
match run together as a hashtag, a CamelCase or underscore hashtag or a plain run: `glued`), and
prints how many stay at >= warning, per class and language. The evasions are generated, not
written, so this measures the engine's normalization and matching classes, not the phrase
lists; a class well under 1.0 is an engine gap. Seeded per post and class: two runs give the
same texts, and a post's evasion does not depend on which other posts are in the corpus.

    python3 scripts/evasion-check.py [path/to/redflag] [CLASS-to-list-misses]

(default binary: target/release/redflag, built-in bundles; run from the repository root.)
"""
import json, glob, os, random, subprocess, sys, unicodedata
B = sys.argv[1] if len(sys.argv) > 1 else 'target/release/redflag'
random.seed(7)
posts = []
for f in sorted(glob.glob(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'rules', 'languages', '*', 'corpus', '*.jsonl'))):
    for line in open(f):
        d = json.loads(line)
        if d['kind'] == 'positive':
            posts.append(d)
LEV = {'none': 0, 'caution': 1, 'warning': 2, 'danger': 3}
def scan_full(texts):
    inp = ''.join(json.dumps({'id': str(i), 'text': t}, ensure_ascii=False) + '\n' for i, t in enumerate(texts))
    out = subprocess.run([B, 'scan', '--jsonl', '-'], input=inp.encode(), capture_output=True, check=True).stdout.decode()
    return [json.loads(l) for l in out.splitlines()]
def scan(texts): return [LEV[v['level']] for v in scan_full(texts)]
base_v = scan_full([p['text'] for p in posts])
good = []
for p, v in zip(posts, base_v):
    if LEV[v['level']] >= 2:
        p['_ev'] = v['evidence']; good.append(p)
import re
WORD = re.compile(r'\w{4,}')
def words_pick(t, k=3):
    ws = [m for m in WORD.finditer(t)]
    random.shuffle(ws)
    return sorted(ws[:k], key=lambda m: m.start())
def apply_words(t, fn, k=3):
    out, last = [], 0
    for m in words_pick(t, k):
        out.append(t[last:m.start()]); out.append(fn(m.group())); last = m.end()
    out.append(t[last:]); return ''.join(out)
CYR2LAT = dict(zip('аеорсхуіАЕОРСХУІКМТВН', 'aeopcxyiAEOPCXYIKMTBH'))
LAT2CYR = {v: k for k, v in CYR2LAT.items()}
def homoglyph(t):
    def f(w):
        return ''.join((CYR2LAT.get(c) or LAT2CYR.get(c) or c) if random.random() < .5 else c for c in w)
    return apply_words(t, f, 4)
def zw(t):
    return apply_words(t, lambda w: '\u200b'.join(w[i:i+2] for i in range(0, len(w), 2)), 4)
def spacing(t):
    sep = random.choice([' ', '.', '-', '*'])
    return apply_words(t, lambda w: sep.join(w), 2)
LEET_C = {'е': '3', 'з': '3', 'о': '0', 'а': '@', 'б': '6', 'ч': '4'}
LEET_L = {'o': '0', 'i': '1', 'e': '3', 'a': '4', 's': '$'}
def leet(t):
    def f(w):
        return ''.join((LEET_C.get(c.lower()) or LEET_L.get(c.lower()) or c) if random.random() < .6 else c for c in w)
    return apply_words(t, f, 4)
def emoji(t):
    E = ['💋', '💰', '🔥', '✈️', '👠', '🍓']
    return apply_words(t, lambda w: w + random.choice(E), 5)
# emoji_inside: an emoji written into the middle of words ("спо💰нсор", "dev💋ojke"), as posters
# break the words a filter looks for
def emoji_inside(t):
    E = ['💋', '💰', '🔥', '💸', '👠', '🍓']
    return apply_words(t, lambda w: w[:len(w) // 2] + random.choice(E) + w[len(w) // 2:], 4)
def caps(t): return t.upper()
def nodiac(t):
    return ''.join(c for c in unicodedata.normalize('NFD', t) if unicodedata.category(c) != 'Mn')
TR = {'а':'a','б':'b','в':'v','г':'g','д':'d','е':'e','ё':'yo','ж':'zh','з':'z','и':'i','й':'y','к':'k','л':'l','м':'m','н':'n','о':'o','п':'p','р':'r','с':'s','т':'t','у':'u','ф':'f','х':'h','ц':'ts','ч':'ch','ш':'sh','щ':'sch','ъ':'','ы':'y','ь':'','э':'e','ю':'yu','я':'ya','і':'i','ї':'yi','є':'ye','ґ':'g','ђ':'dj','ј':'j','љ':'lj','њ':'nj','ћ':'c','џ':'dz'}
def translit(t):
    o = []
    for c in t:
        l = c.lower()
        if l in TR:
            r = TR[l]; o.append(r.upper() if c != l and r else r)
        else: o.append(c)
    return ''.join(o)
def hashtag(t):
    # glue two-three adjacent words into a hashtag appended at the end
    ws = re.findall(r'\w+', t)
    if len(ws) < 3: return t
    i = random.randrange(0, len(ws) - 2)
    return t + '\n#' + ''.join(ws[i:i+3]).lower()
# glued_*: two or three neighbouring words (separated by one space, no punctuation) written as
# one, in place, three runs per post: as a hashtag (`#работадлядевушек`), run together with no
# mark (`visokaplata`), or in CamelCase (`WorkAbroadNow`), as posters glue words to slip past
# word filters. Whatever the run hits: a run of ordinary words glued costs nothing.
GLUE_TOK = re.compile(r'[^\W\d_]{2,}')
def glue(t, style):
    ws = list(GLUE_TOK.finditer(t))
    runs = []
    i = 0
    while i < len(ws) - 1:
        k = 1
        while i + k < len(ws) and k < 3 and t[ws[i + k - 1].end():ws[i + k].start()] == ' ':
            k += 1
        if k >= 2: runs.append((i, k)); i += k
        else: i += 1
    random.shuffle(runs)
    out, last = [], 0
    for i, k in sorted(runs[:3]):
        parts = [m.group() for m in ws[i:i + k]]
        g = ''.join(p.lower() for p in parts)
        if style == 'hashtag': g = '#' + g
        elif style == 'camel': g = ''.join(p[:1].upper() + p[1:].lower() for p in parts)
        out.append(t[last:ws[i].start()]); out.append(g); last = ws[i + k - 1].end()
    out.append(t[last:])
    return ''.join(out)
# glued: the words of the post's strongest match, and the words next to it, run together as
# posters glue them (2-4 words of the post's own script, in place): a lower-case hashtag
# (`#workabroadgirls`), a CamelCase hashtag (`#WorkAbroadGirls`), an underscore hashtag
# (`#work_abroad_girls`) or a plain run in the sentence (`workabroadgirls`). The strongest match
# is the evidence of the most words (the first such); a match of one word takes its next word
# (or the one before) with it. Only words separated by spaces are glued.
GLUED_STYLES = ['hashtag', 'camel', 'underscore', 'run']
def _u16_to_py(t):
    m, u = {}, 0
    for i, c in enumerate(t):
        m[u] = i; u += 2 if ord(c) > 0xFFFF else 1
    m[u] = len(t); return m
def glued_strongest(t, evidence, style):
    ws = list(GLUE_TOK.finditer(t))
    if len(ws) < 2 or not evidence: return t
    m = _u16_to_py(t)
    spans = []
    for e in evidence:
        a, b = m.get(e['start']), m.get(e['end'])
        if a is None or b is None: continue
        idx = [k for k, w in enumerate(ws) if w.start() < b and w.end() > a]
        if idx: spans.append(idx)
    if not spans: return t
    idx = max(spans, key=len)
    i, j = idx[0], idx[-1]
    sp = lambda k: t[ws[k].end():ws[k + 1].start()].strip(' ') == ''  and '\n' not in t[ws[k].end():ws[k + 1].start()]
    # cut the run where something other than spaces stands between two words
    k = i
    while k < j and sp(k): k += 1
    j = k
    want = random.randint(2, 4)
    while j - i + 1 < want:
        if j + 1 < len(ws) and sp(j) and random.random() < .7: j += 1
        elif i > 0 and sp(i - 1): i -= 1
        elif j + 1 < len(ws) and sp(j): j += 1
        else: break
    if j == i: return t
    parts = [w.group() for w in ws[i:j + 1]][:4]
    j = i + len(parts) - 1
    if style == 'camel': g = '#' + ''.join(p[:1].upper() + p[1:].lower() for p in parts)
    elif style == 'underscore': g = '#' + '_'.join(p.lower() for p in parts)
    elif style == 'hashtag': g = '#' + ''.join(p.lower() for p in parts)
    else: g = ''.join(p.lower() for p in parts)
    return t[:ws[i].start()] + g + t[ws[j].end():]
def typo(t):
    def f(w):
        if len(w) < 5: return w
        i = random.randrange(1, len(w) - 1)
        return w[:i] + w[i+1] + w[i] + w[i+2:] if random.random() < .5 else w[:i] + w[i+1:]
    return apply_words(t, f, 3)
# emoji_words: emoji written IN PLACE OF the words they stand for (👧 for girls, 💵 for pay,
# ✈️🇹🇷 for the trip, 📸 for photos, 🏨 for housing, 📩 for "write me", 🔞 for 18+), as real
# spam writes them, unlike `emoji` above, which only appends emoji after words. Per language,
# the words (by their stems, whole words only) and the emoji that stand for them; every
# occurrence is replaced, the emoji drawn with the post's seed. Only posts with at least one
# such word are counted.
EW_E = {
    'girls': ['👧', '👩', '👯', '💃'], 'money': ['💰', '💵', '💶', '💸'], 'photo': ['📸', '📷'],
    'video': ['🎥', '📹'], 'travel': ['✈️', '🛫'], 'housing': ['🏠', '🏨'], 'write': ['📩', '📲'],
    'phone': ['📞', '📱'], 'sex': ['🍓', '🌶️', '💦'], 'secret': ['🤫'], 'vip': ['💎', '🥂'],
    'dance': ['💃'], 'night': ['🌙'],
    'ae': ['🇦🇪'], 'tr': ['🇹🇷'], 'de': ['🇩🇪'], 'cy': ['🇨🇾'], 'it': ['🇮🇹'], 'jp': ['🇯🇵'],
    'kr': ['🇰🇷'], 'ch': ['🇨🇭'], 'at': ['🇦🇹'], 'gr': ['🇬🇷'], 'qa': ['🇶🇦'], 'fr': ['🇫🇷'],
}
_SH = {  # Serbian (both scripts), Croatian, Bosnian
    'girls': 'devojk* djevojk* devojak* djevojak* девојк* девојак* žene ženama ženske жене женама женске cure curama',
    'money': 'plat* zarad* zarađ* novac novca новац новца плат* зарад* зарађ* evra eura euro evro евра евро dolara долара honorar*',
    'photo': 'fotk* fotografij* slik* фотк* фотографиј* слик*', 'video': 'video* snim* видео* сним*',
    'travel': 'inostranstv* inozemstv* иностранств* avion* авион* putovanj* путовањ* let',
    'housing': 'smeštaj* smještaj* smestaj* смештај* hotel* хотел* stan stana stanom стан стана станом',
    'write': 'piš* pis* пиш* poruk* порук* inbox* инбокс* dm',
    'phone': 'telefon* телефон* pozov* позов* broj* број*', 'sex': 'seks* intim* секс* интим*',
    'secret': 'tajn* diskret* тајн* дискрет* anonim* аноним*', 'vip': 'vip вип klub* клуб*',
    'dance': 'ples* плес*', 'night': 'noć* noc* ноћ*',
    'ae': 'dubai* dubaij* дубаи* emirat* емират*', 'tr': 'tursk* турск* istanbul* истанбул*',
    'de': 'nemačk* njemačk* nemack* njemack* немачк*', 'cy': 'kipr* кипр*', 'it': 'italij* италиј*',
    'ch': 'švajcarsk* švicarsk* швајцарск*', 'at': 'austrij* аустриј*', 'gr': 'grčk* грчк*',
}
EW_W = {
    'en': {'girls': 'girl girls women woman ladies lady gals', 'money': 'pay paid salary money cash earn* income dollar* euro* usd eur',
           'photo': 'photo* pic pics picture* selfie*', 'video': 'video*', 'travel': 'travel* flight* abroad trip ticket* visa*',
           'housing': 'housing accommodation apartment* hotel*', 'write': 'dm dms pm message* write text',
           'phone': 'phone* call', 'sex': 'sex* intimate', 'secret': 'secret* discreet* confidential*', 'vip': 'vip club*',
           'dance': 'danc*', 'night': 'night*',
           'ae': 'dubai uae emirates', 'tr': 'turkey istanbul', 'de': 'germany', 'cy': 'cyprus', 'it': 'italy', 'jp': 'japan',
           'kr': 'korea', 'ch': 'switzerland', 'at': 'austria', 'gr': 'greece', 'qa': 'qatar', 'fr': 'france paris'},
    'ru': {'girls': 'девушк* девушек девочк* девочек девчонк* девчат* женщин*', 'money': 'деньг* денег оплат* зарплат* заработ* зарабат* доход* долл* евро руб* баксов',
           'photo': 'фото*', 'video': 'видео*', 'travel': 'перел* билет* границ* поездк* виз*',
           'housing': 'жиль* проживани* квартир* отел* гостиниц*', 'write': 'пиши* напиш* лс личк* директ*',
           'phone': 'телефон* звон*', 'sex': 'секс* интим*', 'secret': 'секрет* тайн* конфиденц* анонимн*', 'vip': 'вип vip клуб*',
           'dance': 'танц*', 'night': 'ноч* ночь*',
           'ae': 'дуба* оаэ эмират*', 'tr': 'турци* стамбул*', 'de': 'германи*', 'cy': 'кипр*', 'it': 'итали*', 'jp': 'япони*',
           'kr': 'коре*', 'ch': 'швейцари*', 'at': 'австри*', 'gr': 'греци*', 'qa': 'катар*', 'fr': 'франци* париж*'},
    'uk': {'girls': 'дівчат* дівчин* дівчин жінк* жінок', 'money': 'грош* оплат* зарплат* заробіт* заробля* дохід доход* долар* євро грн гривень',
           'photo': 'фото* світлин*', 'video': 'відео*', 'travel': 'переліт* перельот* квит* кордон* поїздк* віз*',
           'housing': 'житл* проживанн* квартир* готел*', 'write': 'пиши* напиш* пп особист* директ*',
           'phone': 'телефон* дзвон*', 'sex': 'секс* інтим*', 'secret': 'таємн* конфіденц* анонімн*', 'vip': 'віп vip клуб*',
           'dance': 'танц*', 'night': 'ніч* ночі',
           'ae': 'дуба* оае емірат*', 'tr': 'туреччин* стамбул*', 'de': 'німеччин*', 'cy': 'кіпр*', 'it': 'італі*', 'jp': 'японі*',
           'kr': 'коре*', 'ch': 'швейцарі*', 'at': 'австрі*', 'gr': 'греці*', 'qa': 'катар*', 'fr': 'франці* париж*'},
    'sq': {'girls': 'vajz* femra femrat goca gocat', 'money': 'pag* para parat parash fitim* euro* dollar* lek*',
           'photo': 'foto*', 'video': 'video*', 'travel': 'bilet* fluturim* jashtë jashte udhëtim* udhetim* viz*',
           'housing': 'banes* strehim* akomodim* hotel* apartament*', 'write': 'shkruaj* shkruani shkruan mesazh* inbox* dm',
           'phone': 'telefon* thirr*', 'sex': 'seks* intim*', 'secret': 'sekret* diskret* konfidencial*', 'vip': 'vip klub*',
           'dance': 'valle* vallëtar* kërcim*', 'night': 'nat*',
           'ae': 'dubai* emirat*', 'tr': 'turqi*', 'de': 'gjermani*', 'cy': 'qipro*', 'it': 'itali*', 'jp': 'japoni*',
           'kr': 'kore*', 'ch': 'zvicër* zvicer*', 'at': 'austri*', 'gr': 'greqi*', 'qa': 'katar*', 'fr': 'franc* paris*'},
    'sr': _SH, 'hr': _SH, 'bs': _SH,
}
# page_residue: the post as it comes when copied or read from a feed, with the platform's own
# words around it and inside it: a "forwarded from" line before it, a "show more" cut at a word
# boundary in its middle (feeds keep the hidden rest in the same element, after the link), and
# a line of views, time and reactions after it, in the post's language.
RESIDUE = {
    'en': ('Forwarded from Jobs Daily', '… Show more', '👁 1.2K  14:05  ❤️ 12'),
    'ru': ('Переслано из Работа Сегодня', '… Показать полностью', '👁 1,2K  14:05  Нравится 12'),
    'uk': ('Переслано з Робота Щодня', '… Показати повністю', '👁 1,2K  14:05  Подобається 12'),
    'sr': ('Prosleđeno od Poslovi Danas', '… Prikaži više', '👁 1,2K  14:05  Sviđa mi se 12'),
    'hr': ('Proslijeđeno od Poslovi Danas', '… Prikaži više', '👁 1,2K  14:05  Sviđa mi se 12'),
    'bs': ('Proslijeđeno od Poslovi Danas', '… Prikaži više', '👁 1,2K  14:05  Sviđa mi se 12'),
    'sq': ('Përcjellë nga Punë Sot', '… Shfaq më shumë', '👁 1,2K  14:05  Pëlqej 12'),
}
def residue(t, lang):
    head, cut, foot = RESIDUE.get(lang, RESIDUE['en'])
    ws = [m.start() for m in re.finditer(r'(?<=\S) (?=\S)', t)]
    mid = [i for i in ws if len(t) * .2 <= i <= len(t) * .8]
    if mid:
        i = random.choice(mid)
        t = t[:i] + cut + ' ' + t[i + 1:]
    return head + '\n' + t + '\n' + foot
def _ew_table(lang):
    t = []
    for k, words in EW_W.get(lang, {}).items():
        for w in words.split():
            t.append((re.compile(re.escape(w[:-1]) + r'\w*' if w.endswith('*') else re.escape(w)), EW_E[k]))
    return t
EW_T = {lang: _ew_table(lang) for lang in EW_W}
EW_TOK = re.compile(r'(?<!\w)(?:18\+|\+18)(?!\w)|[^\W\d_]+')
def _ew_sub(lang, t, pick):
    def f(m):
        w = m.group()
        if w in ('18+', '+18'): return '🔞'
        lw = w.lower()
        for rx, es in EW_T.get(lang, ()):
            if rx.fullmatch(lw): return pick(es)
        return w
    return EW_TOK.sub(f, t)
def emoji_words_changes(p): return _ew_sub(p['lang'], p['text'], lambda es: es[0]) != p['text']
CASES = {'homoglyph': homoglyph, 'zero_width': zw, 'spacing': spacing, 'leet': leet, 'emoji': emoji, 'emoji_inside': emoji_inside,
         'caps': caps, 'no_diacritics': nodiac, 'transliteration': translit, 'typo_3words': typo,
         'emoji_words': None,
         'glued_hashtag': lambda t: glue(t, 'hashtag'), 'glued_plain': lambda t: glue(t, 'plain'),
         'glued_camel': lambda t: glue(t, 'camel'), 'page_residue': 'residue', 'glued': 'glued'}
for name, fn in CASES.items():
    sel = good
    if name == 'transliteration': sel = [p for p in good if p['lang'] in ('ru', 'uk', 'sr-cyrl', 'sr')and re.search('[а-я]', p['text'])]
    if name == 'no_diacritics': sel = [p for p in good if re.search('[čćšžđëçČĆŠŽĐËÇ]', p['text'])]
    if name == 'emoji_words': sel = [p for p in good if emoji_words_changes(p)]
    texts = []
    for p in sel:
        # Seeded per post and class: a post added to the corpus, or one that newly reaches
        # warning, leaves every other post's evasion as it was (one seed for the whole run
        # gave every later post other draws, so figures moved on languages nobody touched).
        random.seed(f"{name}:{p['id']}")
        if fn == 'residue': texts.append(residue(p['text'], p['lang']))
        elif fn == 'glued': texts.append(glued_strongest(p['text'], p['_ev'], random.choice(GLUED_STYLES)))
        else: texts.append(fn(p['text']) if fn else _ew_sub(p['lang'], p['text'], random.choice))
    r = scan(texts)
    kept = sum(1 for l in r if l >= 2)
    bylang = {}
    for p, l in zip(sel, r):
        a = bylang.setdefault(p['lang'], [0, 0]); a[1] += 1; a[0] += l >= 2
    print(f"{name:16s} kept {kept}/{len(sel)} = {kept/max(1,len(sel)):.3f}  " + ' '.join(f"{k}:{v[0]}/{v[1]}" for k, v in sorted(bylang.items())))
    if name == 'glued':
        st = {}
        for p, l in zip(sel, r):
            random.seed(f"{name}:{p['id']}"); a = st.setdefault(random.choice(GLUED_STYLES), [0, 0]); a[1] += 1; a[0] += l >= 2
        print(f"{'':16s} by style: " + ' '.join(f"{k}:{v[0]}/{v[1]}" for k, v in sorted(st.items())))
    if len(sys.argv) > 2 and sys.argv[2] == name:
        for p, t, l in zip(sel, texts, r):
            if l < 2: print('   MISS', p['id'], repr(t[:300]))
