#!/usr/bin/env python3
"""Emoji that stand for words, added to the word classes that carry their meaning (issue 12).

Writers put emoji in place of the words (👧 for girls, 💵 for pay, 📸 for photos, 🏨 for
housing, 🤫 for "discreet", 💎/🥂 for VIP/club, 📩 for "send"); a bundle names them in the
classes that hold the words (docs/BUNDLE_FORMAT.md, "Emoji are words"). For each meaning this
script has anchor words per language (sr/hr/bs share one list; their classes also match the
Cyrillic spelling); every class of the bundle that holds one of them, literally, gets the
meaning's emoji it lacks, appended to its member list (a textual edit: the rest of the file is
untouched). It only adds, so it can be run again after a merge:

    python3 scripts/emoji-members.py [LANG ...]        (default: every bundle; rules/ in the cwd)

Left alone: classes of words for children (minors signals: 👧 there would read every adult
"girl" as a child), and classes that are a whole phrase on their own ("@dmword": an emoji there
fires alone) except for 🤫, and classes that are a whole piece of a "~~" phrase (looked for
anywhere in the post; lint warns). Not added on purpose: bullets and moods (✅ 🔥 ❤️ ⭐), 💃 in en/sq
("💃 ONLY TODAY" in shop ads), 🍓/🌶️ (food: "dobru hranu 🍓🌶️, tražim muškarca" fired
sexual_services), 📩/📲 for "write me" (news channels end every post with "📩 прислать новость").
Measure with redflag eval, devsum.py and evasion-check.py emoji_words after running it.
"""
import os, re, sys, tomllib

# Anchor words per meaning and language (a class holding one of them, literally, gets the
# meaning's emoji). Serbian, Croatian and Bosnian share one list.
SH = {
    'girls_pl': ['devojke', 'djevojke', 'devojaka', 'djevojaka', 'devojkama', 'djevojkama', 'cure', 'curama', 'cura', 'ženske', 'dame'],
    'girl_sg': ['devojka', 'djevojka', 'devojku', 'djevojku', 'devojci', 'djevojci', 'cura', 'curu'],
    'photo': ['slike', 'slika', 'slik*', 'fotke', 'fotk*', 'fotografije', 'fotografij*', 'foto'],
    'video': ['video', 'video*', 'snimke', 'snimak', 'snim*', 'snimci', 'snimc*'],
    'money': ['novac', 'novca', 'pare', 'para', 'lova', 'lovu', 'keš', 'kes'],
    'euro': ['eura', 'evra', 'euro', 'evro', 'eur'],
    'vip': ['vip'], 'club': ['klub', 'klubu', 'klubove', 'klubovi'],
    'housing': ['smeštaj', 'smještaj', 'smestaj', 'smjestaj'],
    'night': ['noć', 'noc', 'noći', 'noci'],
    'secret': ['diskretno', 'diskrecija', 'tajno', 'anonimno'],
    'send': ['pošalji', 'posalji', 'pošaljite', 'posaljite', 'šalji', 'salji'],
}
A = {
    'en': {'girls_pl': ['girls', 'ladies', 'women', 'gals'], 'girl_sg': ['girl', 'lady', 'woman'],
           'photo': ['photos', 'pics', 'pictures', 'photo', 'pic', 'photo*'], 'video': ['videos', 'video', 'vids'],
           'money': ['money', 'cash'], 'euro': ['euros', 'euro', 'eur'],
           'vip': ['vip'], 'club': ['club', 'clubs', 'nightclub'], 'housing': ['housing', 'accommodation'],
           'night': ['night', 'nights'], 'secret': ['discreet', 'discretion', 'confidential'], 'send': ['send', 'sendme']},
    'ru': {'girls_pl': ['девушки', 'девушек', 'девочки', 'девочек', 'девчонки', 'девчонок'],
           'girl_sg': ['девушка', 'девушку', 'девушке', 'девочка', 'девочку'],
           'photo': ['фото', 'фотки', 'фотк*', 'фотографии', 'фотографи*'], 'video': ['видео', 'видос*'],
           'money': ['деньги', 'денег', 'деньг*'], 'euro': ['евро'],
           'vip': ['vip', 'вип'], 'club': ['клуб', 'клубе', 'клубы', 'клубах'], 'housing': ['жильё', 'жилье', 'жиль*', 'проживание'],
           'night': ['ночь', 'ночи'], 'secret': ['анонимно', 'конфиденциально', 'конфиденциальность'],
           'send': ['присылай', 'присылайте', 'пришли', 'пришлите', 'скинь', 'скиньте', 'отправь', 'отправьте']},
    'uk': {'girls_pl': ['дівчата', 'дівчат', 'дівчатка', 'дівчаток'], 'girl_sg': ['дівчина', 'дівчину', 'дівчині'],
           'photo': ['фото', 'фотки', 'фотк*', 'світлини', 'фотографі*'], 'video': ['відео', 'відос*'],
           'money': ['гроші', 'грошей', 'грош*'], 'euro': ['євро'],
           'vip': ['vip', 'віп'], 'club': ['клуб', 'клубі', 'клуби'], 'housing': ['житло', 'житл*', 'проживання'],
           'night': ['ніч', 'ночі'], 'secret': ['анонімно', 'конфіденційно', 'конфіденційність'],
           'send': ['надсилай', 'надсилайте', 'надішли', 'надішліть', 'скинь', 'скиньте', 'відправ']},
    'sq': {'girls_pl': ['vajza', 'vajzat', 'vajzave', 'femra', 'femrat', 'goca', 'gocat'], 'girl_sg': ['vajzë', 'vajze', 'vajzën', 'vajzen'],
           'photo': ['foto', 'fotot', 'fotografi', 'foto*', 'fotografi*'], 'video': ['video', 'videot', 'video*'],
           'money': ['para', 'paret', 'parash', 'lekë'], 'euro': ['euro', 'eur'],
           'vip': ['vip'], 'club': ['klub', 'klube', 'klubet', 'lokal'], 'housing': ['strehim', 'akomodim', 'strehim*', 'akomodim*'],
           'night': ['natë', 'nata', 'nate'], 'secret': ['diskrecion', 'diskret', 'konfidencialitet'],
           'send': ['dërgo', 'dergo', 'dërgoni', 'dergoni', 'dërgom']},
    'sr': SH, 'hr': SH, 'bs': SH,
}
EMOJI = {'girls_pl': ['👧', '👯', '💃'], 'girl_sg': ['👧'], 'photo': ['📸', '📷'], 'video': ['🎥', '📹'],
         'money': ['💰', '💵', '💶', '💸'], 'euro': ['💶'], 'vip': ['💎'], 'club': ['🥂'],
         'housing': ['🏠', '🏨'], 'night': ['🌙'], 'secret': ['🤫'], 'send': ['📩', '📲']}
NO_DANCER = {'en', 'sq'}
WOMAN = {'ru', 'uk'}           # 👩 for girls (en, sq, sr, hr, bs had it already)      # "💃 ONLY TODAY 👉 DM" (a dress shop) read as girls-only
# Classes of words for children (minors signals): 👧 there would read every adult "girl" as a child.
CHILDREN = {'young_girl', 'little_girl', 'girlminor', 'school_group', 'minor_code_with', 'f_minors_3', 'f_minors_11'}


def end_of_list(s, start):
    """Index of the ']' closing the member list that opens at s[start-1] == '['."""
    i, depth, quoted = start, 1, False
    while depth:
        c = s[i]
        if c == '"':
            quoted = not quoted
        elif not quoted and c == '[':
            depth += 1
        elif not quoted and c == ']':
            depth -= 1
        i += 1
    return i - 1


def run(lang):
    path = os.path.join('rules', 'languages', lang, 'bundle.toml')
    s = open(path, encoding='utf-8').read()
    doc = tomllib.loads(s)
    classes = doc['classes']
    phrases = [p for sig in doc.get('signal', []) for p in sig.get('phrases', [])]
    bare = {p.strip()[1:] for p in phrases if re.fullmatch(r'@\w+', p.strip())}
    # a class that is a whole piece of a '~~' phrase is looked for anywhere in the post: lint
    # warns of a member shorter than 3 letters there, and an emoji would be one
    lone_piece = {q.strip().lstrip('^').strip()[1:] for p in phrases if '~~' in p
                  for q in p.split('~~') if re.fullmatch(r'\^?\s*@\w+', q.strip())}
    add = {}
    for meaning, emoji in EMOJI.items():
        if meaning == 'girls_pl' and lang in NO_DANCER:
            emoji = [e for e in emoji if e != '💃']
        if meaning in ('girls_pl', 'girl_sg') and lang in WOMAN:
            emoji = emoji + ['👩']
        anchors = set(A[lang].get(meaning, []))
        for name, members in classes.items():
            if name in CHILDREN or name in lone_piece or (name in bare and meaning != 'secret'):
                continue
            if anchors & {m.lower() for m in members}:
                for e in emoji:
                    if e not in members and e not in add.get(name, []):
                        add.setdefault(name, []).append(e)
    for name, es in add.items():
        m = re.search(r'(?m)^' + re.escape(name) + r'\s*=\s*\[', s)
        j = end_of_list(s, m.end())
        while s[j - 1] in ' \n\t':
            j -= 1
        ins = ''.join(f', "{e}"' for e in es)
        if s[j - 1] == ',':
            ins = ins[1:]
        s = s[:j] + ins + s[j:]
    open(path, 'w', encoding='utf-8').write(s)
    print(f"{lang}: {sum(map(len, add.values()))} emoji added to {len(add)} classes")


for lang in sys.argv[1:] or ['en', 'ru', 'uk', 'sq', 'sr', 'hr', 'bs']:
    run(lang)
