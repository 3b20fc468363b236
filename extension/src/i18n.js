// redflag UI strings and a tiny i18n module of our own (chrome.i18n has no Albanian).
// Classic script: defines globalThis.RedflagI18n; loaded by the content script, the popup
// and the options page. Serbian Cyrillic is derived from Serbian Latin mechanically, so the
// two always say the same thing. Translations are drafts: native speakers, please review.
(function () {
  'use strict';

  const LANGS = ['en', 'ru', 'uk', 'sr-Latn', 'sr-Cyrl', 'hr', 'sq'];
  const LANG_NAMES = {
    en: 'English', ru: 'Русский', uk: 'Українська', 'sr-Latn': 'Srpski (latinica)',
    'sr-Cyrl': 'Српски (ћирилица)', hr: 'Hrvatski / Bosanski', sq: 'Shqip',
  };

  const S = {};

  S.en = {
    bannerLabel: 'redflag: risk signs in this post',
    level_caution: 'Some risk signs',
    level_warning: 'Several risk signs',
    level_danger: 'Strong risk signs',
    sum_recruitment: 'Offers worded like this are sometimes used to draw people into sexual exploitation. Check who the employer really is before you reply.',
    sum_trafficking_abroad: 'Offers of work abroad with paid travel like this are sometimes used for trafficking. Check the employer and keep your documents with you.',
    sum_labour_exploitation: 'Kept documents, debts or no contract are signs of forced labour. You have the right to a contract and to keep your passport.',
    sum_image_abuse: 'This asks for or shares intimate images of other people. Sharing them without consent is abuse, and help exists to have them removed.',
    sum_minor: 'This seems to involve people under 18. If you or someone you know is under 18 and pictures were taken, help exists to have them removed.',
    sum_generic: 'This post shows some signs that are common in risky offers. It may be harmless; take a moment to check.',
    why: 'Why?',
    whyIntro: 'Words in this post that are common in risky offers:',
    lowered: 'Lowered because:',
    help: 'Free, confidential advice',
    call: 'Call {phone}',
    website: 'Website',
    hide: 'Hide',
    show: 'Show',
    notConcern: 'Not a concern',
    hiddenNote: 'Risk signs hidden',
    localNote: 'Checked on your device. Nothing about this post is sent anywhere.',
    // popup
    popupTitle: 'redflag',
    siteOn: 'Check posts on this site',
    siteUnavailable: 'redflag does not run on this page.',
    sensitivity: 'Show a banner from',
    sens_caution: 'Some risk signs (most banners)',
    sens_warning: 'Several risk signs',
    sens_danger: 'Strong risk signs only',
    region: 'Region for help links',
    region_auto: 'Automatic ({region})',
    bundlesInUse: 'Rule bundles in use',
    pageCount: 'Posts with risk signs on this page: {n}',
    moreSettings: 'More settings',
    // options
    optionsTitle: 'redflag settings',
    language: 'Language',
    langAuto: 'Automatic (browser language)',
    importTitle: 'Import a rule bundle',
    importHelp: 'A .json file made with “redflag compile”. It is checked before it is used.',
    importButton: 'Choose file…',
    importOk: 'Imported: {title} ({version})',
    importError: 'Not imported: {file}: {msg}. The rules in use have not changed.',
    imported: 'Imported bundles',
    none: 'None',
    remove: 'Remove',
    removed: 'Removed: {title}',
    builtin: 'Built-in bundles',
    forgetChoices: 'Forget all “Not a concern” and “Hide” choices',
    forgotten: 'Choices forgotten.',
    unverified: 'unverified',
    verified: 'signed by a trusted publisher',
    unsignedConfirm: '{file} is not signed by a publisher redflag trusts, so nobody can vouch for its rules and help links. Import it only if it comes from someone you trust.',
    importAnyway: 'Import anyway',
    cancel: 'Cancel',
    importCancelled: 'Not imported: {file}. The rules in use have not changed.',
    forgetAllTitle: 'Forget everything',
    forgetAllHelp: 'Removes from this browser your settings, imported bundles and every “Not a concern” and “Hide” choice. Nothing else is kept.',
    forgetAll: 'Forget everything',
    forgotAll: 'Everything redflag kept in this browser has been removed.',
    privacy: 'redflag checks posts on your device. It sends nothing anywhere and keeps no copy of what you read: a “Not a concern” choice is stored as a salted fingerprint, not as text.',
    // check page (src/check/)
    checkTitle: 'Check a message',
    checkIntro: 'Paste a job ad or a message you received. redflag looks for signs that are common in offers used to draw people into exploitation.',
    checkLabel: 'Message or ad',
    checkButton: 'Check',
    checkClear: 'Clear',
    checkEmpty: 'Paste a message or an ad first.',
    checkLoading: 'Getting the check ready…',
    level_none: 'No risk signs found',
    sum_none: 'redflag found none of the signs it knows. That does not prove the offer is safe: check who the employer is, ask for a contract and keep your passport with you.',
    checkMarked: 'Your text, with the risk signs marked',
    checkWhyIntro: 'Words in this message that are common in risky offers:',
    checkLocal: 'Checked on this device. Nothing you paste here is sent anywhere or kept.',
    checkCut: 'This text is long: only the first {n} characters were checked.',
    checkError: 'The check could not run: {msg}',
    checkOffline: 'After the first visit this page also works without internet. You can add it to your home screen.',
    regions: {
      auto: 'Automatic', RU: 'Russia', UA: 'Ukraine', RS: 'Serbia', XK: 'Kosovo', AL: 'Albania',
      BA: 'Bosnia and Herzegovina', ME: 'Montenegro', MK: 'North Macedonia', HR: 'Croatia',
      US: 'United States', intl: 'Other / international',
    },
    families: {
      women_only: 'Only women, narrow age or looks', high_pay: 'High pay, no experience, daily cash',
      abroad: 'Work abroad', travel_paid: 'Travel, visa or housing paid',
      control: 'Debt or documents kept', informal: 'No contract, no questions',
      euphemism: 'Job title often used as a cover', sexual_services: 'Intimate services named',
      photos: 'Photos of you requested', anonymous_contact: 'Private messages only',
      reassurance: '“Nothing intimate”, “all safe” reassurances', minors: 'Aimed at under-18s',
      image_abuse: 'Trading or rating intimate images', job_offer: 'Offers work or income',
      news: 'News or reporting', awareness: 'Warning or awareness post',
      licensed_employer: 'Named, licensed employer', contract: 'Official contract',
      training: 'Training, course or team', licensed_agency: 'Licensed agency and work visa',
    },
  };

  S.ru = {
    bannerLabel: 'redflag: признаки риска в этом посте',
    level_caution: 'Есть признаки риска',
    level_warning: 'Несколько признаков риска',
    level_danger: 'Серьёзные признаки риска',
    sum_recruitment: 'Похожими объявлениями иногда вовлекают в сексуальную эксплуатацию. Прежде чем отвечать, проверьте, кто на самом деле работодатель.',
    sum_trafficking_abroad: 'Похожие предложения работы за границей с оплаченной дорогой иногда используют для торговли людьми. Проверьте работодателя и держите документы при себе.',
    sum_labour_exploitation: 'Удержание документов, долги и работа без договора — признаки принудительного труда. Вы имеете право на договор и на свой паспорт.',
    sum_image_abuse: 'Здесь просят или распространяют интимные фото других людей. Распространение без согласия — это насилие; есть помощь, чтобы такие фото удалили.',
    sum_minor: 'Похоже, речь о людях младше 18 лет. Если вам или знакомым нет 18 и есть такие снимки, есть помощь, чтобы их удалили.',
    sum_generic: 'В посте есть признаки, которые часто встречаются в рискованных предложениях. Возможно, всё в порядке — но проверьте.',
    why: 'Почему?',
    whyIntro: 'Слова из поста, которые часто встречаются в рискованных предложениях:',
    lowered: 'Оценка снижена, потому что:',
    help: 'Бесплатная конфиденциальная помощь',
    call: 'Позвонить: {phone}',
    website: 'Сайт',
    hide: 'Скрыть',
    show: 'Показать',
    notConcern: 'Всё в порядке',
    hiddenNote: 'Признаки риска скрыты',
    localNote: 'Проверено на вашем устройстве. Ничего об этом посте никуда не отправляется.',
    popupTitle: 'redflag',
    siteOn: 'Проверять посты на этом сайте',
    siteUnavailable: 'redflag не работает на этой странице.',
    sensitivity: 'Показывать предупреждение, если',
    sens_caution: 'Есть признаки риска (чаще всего)',
    sens_warning: 'Несколько признаков риска',
    sens_danger: 'Только серьёзные признаки',
    region: 'Регион для контактов помощи',
    region_auto: 'Автоматически ({region})',
    bundlesInUse: 'Наборы правил',
    pageCount: 'Постов с признаками риска на странице: {n}',
    moreSettings: 'Другие настройки',
    optionsTitle: 'Настройки redflag',
    language: 'Язык',
    langAuto: 'Автоматически (язык браузера)',
    importTitle: 'Импорт набора правил',
    importHelp: 'Файл .json, созданный командой «redflag compile». Перед использованием он проверяется.',
    importButton: 'Выбрать файл…',
    importOk: 'Импортировано: {title} ({version})',
    importError: 'Не импортировано: {file}: {msg}. Действующие правила не изменились.',
    imported: 'Импортированные наборы',
    none: 'Нет',
    remove: 'Удалить',
    removed: 'Удалено: {title}',
    builtin: 'Встроенные наборы',
    forgetChoices: 'Забыть все отметки «Всё в порядке» и «Скрыть»',
    forgotten: 'Отметки забыты.',
    unverified: 'не проверен',
    verified: 'подписан доверенным издателем',
    unsignedConfirm: '{file} не подписан издателем, которому доверяет redflag, поэтому никто не может поручиться за его правила и ссылки на помощь. Импортируйте его, только если получили его от того, кому доверяете.',
    importAnyway: 'Всё равно импортировать',
    cancel: 'Отмена',
    importCancelled: 'Не импортировано: {file}. Действующие правила не изменились.',
    forgetAllTitle: 'Забыть всё',
    forgetAllHelp: 'Удаляет из этого браузера ваши настройки, импортированные наборы и все отметки «Всё в порядке» и «Скрыть». Больше ничего не хранится.',
    forgetAll: 'Забыть всё',
    forgotAll: 'Всё, что redflag хранил в этом браузере, удалено.',
    privacy: 'redflag проверяет посты на вашем устройстве. Он ничего никуда не отправляет и не хранит то, что вы читаете: отметка «Всё в порядке» хранится как «солёный» отпечаток, а не как текст.',
    // check page (src/check/)
    checkTitle: 'Проверить сообщение',
    checkIntro: 'Вставьте объявление о работе или полученное сообщение. redflag ищет признаки, которые часто встречаются в предложениях, через которые людей вовлекают в эксплуатацию.',
    checkLabel: 'Сообщение или объявление',
    checkButton: 'Проверить',
    checkClear: 'Очистить',
    checkEmpty: 'Сначала вставьте сообщение или объявление.',
    checkLoading: 'Подготовка проверки…',
    level_none: 'Признаков риска не найдено',
    sum_none: 'redflag не нашёл известных ему признаков. Это не доказывает, что предложение безопасно: проверьте работодателя, просите договор и держите паспорт при себе.',
    checkMarked: 'Ваш текст с отмеченными признаками риска',
    checkWhyIntro: 'Слова из сообщения, которые часто встречаются в рискованных предложениях:',
    checkLocal: 'Проверено на этом устройстве. Вставленный текст никуда не отправляется и не сохраняется.',
    checkCut: 'Текст длинный: проверены только первые {n} символов.',
    checkError: 'Проверка не удалась: {msg}',
    checkOffline: 'После первого открытия эта страница работает и без интернета. Её можно добавить на главный экран.',
    regions: {
      auto: 'Автоматически', RU: 'Россия', UA: 'Украина', RS: 'Сербия', XK: 'Косово', AL: 'Албания',
      BA: 'Босния и Герцеговина', ME: 'Черногория', MK: 'Северная Македония', HR: 'Хорватия',
      US: 'США', intl: 'Другое / международные',
    },
    families: {
      women_only: 'Только девушки, узкий возраст или внешность', high_pay: 'Высокий доход без опыта, оплата каждый день',
      abroad: 'Работа за границей', travel_paid: 'Дорога, виза или жильё оплачиваются',
      control: 'Долги или удержание документов', informal: 'Без договора и лишних вопросов',
      euphemism: 'Название работы, за которым часто скрывается другое', sexual_services: 'Интимные услуги',
      photos: 'Просят ваши фото', anonymous_contact: 'Только в личные сообщения',
      reassurance: 'Заверения «без интима», «всё безопасно»', minors: 'Обращено к младше 18',
      image_abuse: 'Обмен или оценка интимных фото', job_offer: 'Предлагает работу или доход',
      news: 'Новость или репортаж', awareness: 'Предупреждение',
      licensed_employer: 'Названный работодатель с лицензией', contract: 'Официальный договор',
      training: 'Обучение, курсы или команда', licensed_agency: 'Лицензированное агентство и рабочая виза',
    },
  };

  S.uk = {
    bannerLabel: 'redflag: ознаки ризику в цьому дописі',
    level_caution: 'Є ознаки ризику',
    level_warning: 'Кілька ознак ризику',
    level_danger: 'Серйозні ознаки ризику',
    sum_recruitment: 'Подібними оголошеннями іноді втягують у сексуальну експлуатацію. Перш ніж відповідати, перевірте, хто насправді роботодавець.',
    sum_trafficking_abroad: 'Подібні пропозиції роботи за кордоном з оплаченою дорогою іноді використовують для торгівлі людьми. Перевірте роботодавця й тримайте документи при собі.',
    sum_labour_exploitation: 'Утримання документів, борги та робота без договору — ознаки примусової праці. Ви маєте право на договір і на свій паспорт.',
    sum_image_abuse: 'Тут просять або поширюють інтимні фото інших людей. Поширення без згоди — це насильство; є допомога, щоб такі фото видалили.',
    sum_minor: 'Схоже, йдеться про людей, молодших за 18 років. Якщо вам чи знайомим немає 18 і є такі знімки, є допомога, щоб їх видалили.',
    sum_generic: 'У дописі є ознаки, які часто трапляються в ризикованих пропозиціях. Можливо, все гаразд — але перевірте.',
    why: 'Чому?',
    whyIntro: 'Слова з допису, які часто трапляються в ризикованих пропозиціях:',
    lowered: 'Оцінку знижено, тому що:',
    help: 'Безкоштовна конфіденційна допомога',
    call: 'Зателефонувати: {phone}',
    website: 'Сайт',
    hide: 'Сховати',
    show: 'Показати',
    notConcern: 'Усе гаразд',
    hiddenNote: 'Ознаки ризику сховано',
    localNote: 'Перевірено на вашому пристрої. Нічого про цей допис нікуди не надсилається.',
    popupTitle: 'redflag',
    siteOn: 'Перевіряти дописи на цьому сайті',
    siteUnavailable: 'redflag не працює на цій сторінці.',
    sensitivity: 'Показувати попередження, якщо',
    sens_caution: 'Є ознаки ризику (найчастіше)',
    sens_warning: 'Кілька ознак ризику',
    sens_danger: 'Лише серйозні ознаки',
    region: 'Регіон для контактів допомоги',
    region_auto: 'Автоматично ({region})',
    bundlesInUse: 'Набори правил',
    pageCount: 'Дописів з ознаками ризику на сторінці: {n}',
    moreSettings: 'Інші налаштування',
    optionsTitle: 'Налаштування redflag',
    language: 'Мова',
    langAuto: 'Автоматично (мова браузера)',
    importTitle: 'Імпорт набору правил',
    importHelp: 'Файл .json, створений командою «redflag compile». Перед використанням його перевіряють.',
    importButton: 'Вибрати файл…',
    importOk: 'Імпортовано: {title} ({version})',
    importError: 'Не імпортовано: {file}: {msg}. Чинні правила не змінилися.',
    imported: 'Імпортовані набори',
    none: 'Немає',
    remove: 'Видалити',
    removed: 'Видалено: {title}',
    builtin: 'Вбудовані набори',
    forgetChoices: 'Забути всі позначки «Усе гаразд» і «Сховати»',
    forgotten: 'Позначки забуто.',
    unverified: 'не перевірено',
    verified: 'підписано довіреним видавцем',
    unsignedConfirm: '{file} не підписано видавцем, якому довіряє redflag, тож ніхто не може поручитися за його правила й посилання на допомогу. Імпортуйте його, лише якщо отримали від того, кому довіряєте.',
    importAnyway: 'Усе одно імпортувати',
    cancel: 'Скасувати',
    importCancelled: 'Не імпортовано: {file}. Чинні правила не змінилися.',
    forgetAllTitle: 'Забути все',
    forgetAllHelp: 'Видаляє з цього браузера ваші налаштування, імпортовані набори та всі позначки «Усе гаразд» і «Сховати». Більше нічого не зберігається.',
    forgetAll: 'Забути все',
    forgotAll: 'Усе, що redflag зберігав у цьому браузері, видалено.',
    privacy: 'redflag перевіряє дописи на вашому пристрої. Він нічого нікуди не надсилає і не зберігає те, що ви читаєте: позначка «Усе гаразд» зберігається як «солоний» відбиток, а не як текст.',
    // check page (src/check/)
    checkTitle: 'Перевірити повідомлення',
    checkIntro: 'Вставте оголошення про роботу або отримане повідомлення. redflag шукає ознаки, які часто трапляються в пропозиціях, через які людей втягують в експлуатацію.',
    checkLabel: 'Повідомлення або оголошення',
    checkButton: 'Перевірити',
    checkClear: 'Очистити',
    checkEmpty: 'Спочатку вставте повідомлення або оголошення.',
    checkLoading: 'Підготовка перевірки…',
    level_none: 'Ознак ризику не знайдено',
    sum_none: 'redflag не знайшов відомих йому ознак. Це не доводить, що пропозиція безпечна: перевірте роботодавця, просіть договір і тримайте паспорт при собі.',
    checkMarked: 'Ваш текст із позначеними ознаками ризику',
    checkWhyIntro: 'Слова з повідомлення, які часто трапляються в ризикованих пропозиціях:',
    checkLocal: 'Перевірено на цьому пристрої. Вставлений текст нікуди не надсилається і не зберігається.',
    checkCut: 'Текст довгий: перевірено лише перші {n} символів.',
    checkError: 'Перевірка не вдалася: {msg}',
    checkOffline: 'Після першого відкриття ця сторінка працює й без інтернету. Її можна додати на головний екран.',
    regions: {
      auto: 'Автоматично', RU: 'Росія', UA: 'Україна', RS: 'Сербія', XK: 'Косово', AL: 'Албанія',
      BA: 'Боснія і Герцеговина', ME: 'Чорногорія', MK: 'Північна Македонія', HR: 'Хорватія',
      US: 'США', intl: 'Інше / міжнародні',
    },
    families: {
      women_only: 'Лише дівчата, вузький вік або зовнішність', high_pay: 'Високий дохід без досвіду, оплата щодня',
      abroad: 'Робота за кордоном', travel_paid: 'Дорога, віза чи житло оплачуються',
      control: 'Борги або утримання документів', informal: 'Без договору й зайвих питань',
      euphemism: 'Назва роботи, за якою часто ховається інше', sexual_services: 'Інтимні послуги',
      photos: 'Просять ваші фото', anonymous_contact: 'Лише в особисті повідомлення',
      reassurance: 'Запевнення «без інтиму», «усе безпечно»', minors: 'Звернено до молодших за 18',
      image_abuse: 'Обмін або оцінка інтимних фото', job_offer: 'Пропонує роботу чи дохід',
      news: 'Новина або репортаж', awareness: 'Попередження',
      licensed_employer: 'Названий роботодавець з ліцензією', contract: 'Офіційний договір',
      training: 'Навчання, курси або команда', licensed_agency: 'Ліцензована агенція і робоча віза',
    },
  };

  S['sr-Latn'] = {
    bannerLabel: 'redflag: znaci rizika u ovoj objavi',
    level_caution: 'Postoje znaci rizika',
    level_warning: 'Više znakova rizika',
    level_danger: 'Ozbiljni znaci rizika',
    sum_recruitment: 'Ovakvim oglasima ljudi se ponekad uvlače u seksualnu eksploataciju. Pre nego što odgovorite, proverite ko je zaista poslodavac.',
    sum_trafficking_abroad: 'Ovakve ponude posla u inostranstvu s plaćenim putem ponekad se koriste za trgovinu ljudima. Proverite poslodavca i dokumenta držite kod sebe.',
    sum_labour_exploitation: 'Oduzeta dokumenta, dugovi i rad bez ugovora su znaci prinudnog rada. Imate pravo na ugovor i na svoj pasoš.',
    sum_image_abuse: 'Ovde se traže ili dele intimne fotografije drugih ljudi. Deljenje bez pristanka je nasilje; postoji pomoć da se takve slike uklone.',
    sum_minor: 'Izgleda da se radi o osobama mlađim od 18 godina. Ako vi ili neko koga znate nemate 18 i postoje takve slike, postoji pomoć da se uklone.',
    sum_generic: 'Objava ima neke znake koji su česti u rizičnim ponudama. Možda je sve u redu — ali proverite.',
    why: 'Zašto?',
    whyIntro: 'Reči iz objave koje su česte u rizičnim ponudama:',
    lowered: 'Procena je umanjena jer:',
    help: 'Besplatan i poverljiv savet',
    call: 'Pozovite {phone}',
    website: 'Sajt',
    hide: 'Sakrij',
    show: 'Prikaži',
    notConcern: 'Nije problem',
    hiddenNote: 'Znaci rizika su sakriveni',
    localNote: 'Provereno na vašem uređaju. Ništa o ovoj objavi se nikuda ne šalje.',
    popupTitle: 'redflag',
    siteOn: 'Proveravaj objave na ovom sajtu',
    siteUnavailable: 'redflag ne radi na ovoj stranici.',
    sensitivity: 'Prikaži upozorenje od',
    sens_caution: 'Postoje znaci rizika (najčešće)',
    sens_warning: 'Više znakova rizika',
    sens_danger: 'Samo ozbiljni znaci',
    region: 'Region za kontakte pomoći',
    region_auto: 'Automatski ({region})',
    bundlesInUse: 'Skupovi pravila',
    pageCount: 'Objava sa znacima rizika na stranici: {n}',
    moreSettings: 'Ostala podešavanja',
    optionsTitle: 'Podešavanja redflag',
    language: 'Jezik',
    langAuto: 'Automatski (jezik pregledača)',
    importTitle: 'Uvoz skupa pravila',
    importHelp: 'Datoteka .json napravljena komandom „redflag compile“. Proverava se pre upotrebe.',
    importButton: 'Izaberite datoteku…',
    importOk: 'Uvezeno: {title} ({version})',
    importError: 'Nije uvezeno: {file}: {msg}. Pravila koja se koriste nisu promenjena.',
    imported: 'Uvezeni skupovi',
    none: 'Nema',
    remove: 'Ukloni',
    removed: 'Uklonjeno: {title}',
    builtin: 'Ugrađeni skupovi',
    forgetChoices: 'Zaboravi sve izbore „Nije problem“ i „Sakrij“',
    forgotten: 'Izbori su zaboravljeni.',
    unverified: 'nije provereno',
    verified: 'potpisao pouzdan izdavač',
    unsignedConfirm: '{file} nije potpisao izdavač kome redflag veruje, pa niko ne može da garantuje za njegova pravila i linkove za pomoć. Uvezite ga samo ako ste ga dobili od nekoga kome verujete.',
    importAnyway: 'Ipak uvezi',
    cancel: 'Otkaži',
    importCancelled: 'Nije uvezeno: {file}. Pravila koja se koriste nisu promenjena.',
    forgetAllTitle: 'Zaboravi sve',
    forgetAllHelp: 'Briše iz ovog pregledača vaša podešavanja, uvezene skupove pravila i sve izbore „Nije problem“ i „Sakrij“. Ništa drugo se ne čuva.',
    forgetAll: 'Zaboravi sve',
    forgotAll: 'Sve što je redflag čuvao u ovom pregledaču je obrisano.',
    privacy: 'redflag proverava objave na vašem uređaju. Ništa nikuda ne šalje i ne čuva ono što čitate: izbor „Nije problem“ čuva se kao „posoljeni“ otisak, a ne kao tekst.',
    // check page (src/check/)
    checkTitle: 'Proveri poruku',
    checkIntro: 'Nalepite oglas za posao ili poruku koju ste dobili. redflag traži znake koji su česti u ponudama kojima se ljudi uvlače u eksploataciju.',
    checkLabel: 'Poruka ili oglas',
    checkButton: 'Proveri',
    checkClear: 'Obriši',
    checkEmpty: 'Prvo nalepite poruku ili oglas.',
    checkLoading: 'Provera se priprema…',
    level_none: 'Nisu nađeni znaci rizika',
    sum_none: 'redflag nije našao nijedan znak koji poznaje. To ne dokazuje da je ponuda bezbedna: proverite ko je poslodavac, tražite ugovor i držite pasoš kod sebe.',
    checkMarked: 'Vaš tekst sa označenim znacima rizika',
    checkWhyIntro: 'Reči iz ove poruke koje su česte u rizičnim ponudama:',
    checkLocal: 'Provereno na ovom uređaju. Ništa što ovde nalepite ne šalje se nikuda i ne čuva se.',
    checkCut: 'Tekst je dug: provereno je samo prvih {n} znakova.',
    checkError: 'Provera nije uspela: {msg}',
    checkOffline: 'Posle prve posete ova stranica radi i bez interneta. Možete je dodati na početni ekran.',
    regions: {
      auto: 'Automatski', RU: 'Rusija', UA: 'Ukrajina', RS: 'Srbija', XK: 'Kosovo', AL: 'Albanija',
      BA: 'Bosna i Hercegovina', ME: 'Crna Gora', MK: 'Severna Makedonija', HR: 'Hrvatska',
      US: 'SAD', intl: 'Ostalo / međunarodno',
    },
    families: {
      women_only: 'Samo devojke, uzak raspon godina ili izgled', high_pay: 'Visoka zarada bez iskustva, isplata svaki dan',
      abroad: 'Posao u inostranstvu', travel_paid: 'Plaćen put, viza ili smeštaj',
      control: 'Dug ili oduzeta dokumenta', informal: 'Bez ugovora i bez pitanja',
      euphemism: 'Naziv posla koji često služi kao paravan', sexual_services: 'Intimne usluge',
      photos: 'Traže se vaše fotografije', anonymous_contact: 'Samo preko privatnih poruka',
      reassurance: 'Uveravanja „bez intime“, „sve je bezbedno“', minors: 'Namenjeno mlađima od 18',
      image_abuse: 'Razmena ili ocenjivanje intimnih slika', job_offer: 'Nudi posao ili zaradu',
      news: 'Vest ili izveštaj', awareness: 'Upozorenje',
      licensed_employer: 'Imenovan poslodavac s licencom', contract: 'Zvaničan ugovor',
      training: 'Obuka, kurs ili tim', licensed_agency: 'Licencirana agencija i radna viza',
    },
  };

  S.hr = {
    bannerLabel: 'redflag: znakovi rizika u ovoj objavi',
    level_caution: 'Postoje znakovi rizika',
    level_warning: 'Više znakova rizika',
    level_danger: 'Ozbiljni znakovi rizika',
    sum_recruitment: 'Ovakvim se oglasima ljudi ponekad uvlače u seksualno iskorištavanje. Prije nego što odgovorite, provjerite tko je zaista poslodavac.',
    sum_trafficking_abroad: 'Ovakve ponude posla u inozemstvu s plaćenim putem ponekad se koriste za trgovanje ljudima. Provjerite poslodavca i dokumente držite kod sebe.',
    sum_labour_exploitation: 'Oduzeti dokumenti, dugovi i rad bez ugovora znakovi su prisilnog rada. Imate pravo na ugovor i na svoju putovnicu.',
    sum_image_abuse: 'Ovdje se traže ili dijele intimne fotografije drugih ljudi. Dijeljenje bez pristanka je nasilje; postoji pomoć da se takve slike uklone.',
    sum_minor: 'Čini se da je riječ o osobama mlađima od 18 godina. Ako vi ili netko koga poznajete nemate 18 i postoje takve slike, postoji pomoć da se uklone.',
    sum_generic: 'Objava ima neke znakove koji su česti u rizičnim ponudama. Možda je sve u redu — ali provjerite.',
    why: 'Zašto?',
    whyIntro: 'Riječi iz objave koje su česte u rizičnim ponudama:',
    lowered: 'Procjena je smanjena jer:',
    help: 'Besplatan i povjerljiv savjet',
    call: 'Nazovite {phone}',
    website: 'Web-stranica',
    hide: 'Sakrij',
    show: 'Prikaži',
    notConcern: 'Nije problem',
    hiddenNote: 'Znakovi rizika su skriveni',
    localNote: 'Provjereno na vašem uređaju. Ništa o ovoj objavi ne šalje se nikamo.',
    popupTitle: 'redflag',
    siteOn: 'Provjeravaj objave na ovoj stranici',
    siteUnavailable: 'redflag ne radi na ovoj stranici.',
    sensitivity: 'Prikaži upozorenje od',
    sens_caution: 'Postoje znakovi rizika (najčešće)',
    sens_warning: 'Više znakova rizika',
    sens_danger: 'Samo ozbiljni znakovi',
    region: 'Regija za kontakte pomoći',
    region_auto: 'Automatski ({region})',
    bundlesInUse: 'Skupovi pravila',
    pageCount: 'Objava sa znakovima rizika na stranici: {n}',
    moreSettings: 'Ostale postavke',
    optionsTitle: 'Postavke redflag',
    language: 'Jezik',
    langAuto: 'Automatski (jezik preglednika)',
    importTitle: 'Uvoz skupa pravila',
    importHelp: 'Datoteka .json izrađena naredbom „redflag compile”. Provjerava se prije upotrebe.',
    importButton: 'Odaberite datoteku…',
    importOk: 'Uvezeno: {title} ({version})',
    importError: 'Nije uvezeno: {file}: {msg}. Pravila koja se koriste nisu promijenjena.',
    imported: 'Uvezeni skupovi',
    none: 'Nema',
    remove: 'Ukloni',
    removed: 'Uklonjeno: {title}',
    builtin: 'Ugrađeni skupovi',
    forgetChoices: 'Zaboravi sve odabire „Nije problem” i „Sakrij”',
    forgotten: 'Odabiri su zaboravljeni.',
    unverified: 'nije provjereno',
    verified: 'potpisao pouzdani izdavač',
    unsignedConfirm: '{file} nije potpisao izdavač kojem redflag vjeruje, pa nitko ne može jamčiti za njegova pravila i poveznice za pomoć. Uvezite ga samo ako ste ga dobili od nekoga kome vjerujete.',
    importAnyway: 'Ipak uvezi',
    cancel: 'Odustani',
    importCancelled: 'Nije uvezeno: {file}. Pravila koja se koriste nisu promijenjena.',
    forgetAllTitle: 'Zaboravi sve',
    forgetAllHelp: 'Briše iz ovog preglednika vaše postavke, uvezene skupove pravila i sve odabire „Nije problem” i „Sakrij”. Ništa drugo se ne čuva.',
    forgetAll: 'Zaboravi sve',
    forgotAll: 'Sve što je redflag čuvao u ovom pregledniku je obrisano.',
    privacy: 'redflag provjerava objave na vašem uređaju. Ništa ne šalje nikamo i ne čuva ono što čitate: odabir „Nije problem” čuva se kao „posoljeni” otisak, a ne kao tekst.',
    // check page (src/check/)
    checkTitle: 'Provjeri poruku',
    checkIntro: 'Zalijepite oglas za posao ili poruku koju ste dobili. redflag traži znakove koji su česti u ponudama kojima se ljude uvlači u iskorištavanje.',
    checkLabel: 'Poruka ili oglas',
    checkButton: 'Provjeri',
    checkClear: 'Obriši',
    checkEmpty: 'Najprije zalijepite poruku ili oglas.',
    checkLoading: 'Provjera se priprema…',
    level_none: 'Nisu pronađeni znakovi rizika',
    sum_none: 'redflag nije pronašao nijedan znak koji poznaje. To ne dokazuje da je ponuda sigurna: provjerite tko je poslodavac, tražite ugovor i držite putovnicu kod sebe.',
    checkMarked: 'Vaš tekst s označenim znakovima rizika',
    checkWhyIntro: 'Riječi iz ove poruke koje su česte u rizičnim ponudama:',
    checkLocal: 'Provjereno na ovom uređaju. Ništa što ovdje zalijepite ne šalje se nikamo i ne sprema se.',
    checkCut: 'Tekst je dug: provjereno je samo prvih {n} znakova.',
    checkError: 'Provjera nije uspjela: {msg}',
    checkOffline: 'Nakon prvog posjeta ova stranica radi i bez interneta. Možete je dodati na početni zaslon.',
    regions: {
      auto: 'Automatski', RU: 'Rusija', UA: 'Ukrajina', RS: 'Srbija', XK: 'Kosovo', AL: 'Albanija',
      BA: 'Bosna i Hercegovina', ME: 'Crna Gora', MK: 'Sjeverna Makedonija', HR: 'Hrvatska',
      US: 'SAD', intl: 'Ostalo / međunarodno',
    },
    families: {
      women_only: 'Samo djevojke, uzak raspon dobi ili izgled', high_pay: 'Visoka zarada bez iskustva, isplata svaki dan',
      abroad: 'Posao u inozemstvu', travel_paid: 'Plaćen put, viza ili smještaj',
      control: 'Dug ili oduzeti dokumenti', informal: 'Bez ugovora i bez pitanja',
      euphemism: 'Naziv posla koji često služi kao paravan', sexual_services: 'Intimne usluge',
      photos: 'Traže se vaše fotografije', anonymous_contact: 'Samo putem privatnih poruka',
      reassurance: 'Uvjeravanja „bez intime”, „sve je sigurno”', minors: 'Namijenjeno mlađima od 18',
      image_abuse: 'Razmjena ili ocjenjivanje intimnih slika', job_offer: 'Nudi posao ili zaradu',
      news: 'Vijest ili izvještaj', awareness: 'Upozorenje',
      licensed_employer: 'Imenovan poslodavac s licencom', contract: 'Službeni ugovor',
      training: 'Obuka, tečaj ili tim', licensed_agency: 'Licencirana agencija i radna viza',
    },
  };

  S.sq = {
    bannerLabel: 'redflag: shenja rreziku në këtë postim',
    level_caution: 'Ka disa shenja rreziku',
    level_warning: 'Disa shenja rreziku',
    level_danger: 'Shenja të forta rreziku',
    sum_recruitment: 'Njoftime të tilla ndonjëherë përdoren për të tërhequr njerëz në shfrytëzim seksual. Para se të përgjigjeni, kontrolloni kush është vërtet punëdhënësi.',
    sum_trafficking_abroad: 'Oferta pune jashtë vendit me udhëtim të paguar si kjo ndonjëherë përdoren për trafikim. Kontrolloni punëdhënësin dhe mbajini dokumentet me vete.',
    sum_labour_exploitation: 'Dokumentet e marra, borxhet dhe puna pa kontratë janë shenja të punës së detyruar. Keni të drejtë për kontratë dhe për pasaportën tuaj.',
    sum_image_abuse: 'Këtu kërkohen ose shpërndahen foto intime të njerëzve të tjerë. Shpërndarja pa pëlqim është abuzim; ka ndihmë për t’i hequr ato.',
    sum_minor: 'Duket se bëhet fjalë për persona nën 18 vjeç. Nëse ju ose dikush që njihni jeni nën 18 dhe ka foto të tilla, ka ndihmë për t’i hequr ato.',
    sum_generic: 'Ky postim ka disa shenja që janë të zakonshme në oferta të rrezikshme. Mund të jetë në rregull — por kontrolloni.',
    why: 'Pse?',
    whyIntro: 'Fjalë nga postimi që janë të zakonshme në oferta të rrezikshme:',
    lowered: 'Vlerësimi u ul sepse:',
    help: 'Këshillë falas dhe konfidenciale',
    call: 'Telefononi {phone}',
    website: 'Faqja',
    hide: 'Fshih',
    show: 'Shfaq',
    notConcern: 'Nuk është problem',
    hiddenNote: 'Shenjat e rrezikut janë fshehur',
    localNote: 'U kontrollua në pajisjen tuaj. Asgjë për këtë postim nuk dërgohet askund.',
    popupTitle: 'redflag',
    siteOn: 'Kontrollo postimet në këtë faqe',
    siteUnavailable: 'redflag nuk punon në këtë faqe.',
    sensitivity: 'Shfaq paralajmërim nga',
    sens_caution: 'Ka disa shenja rreziku (më shpesh)',
    sens_warning: 'Disa shenja rreziku',
    sens_danger: 'Vetëm shenja të forta',
    region: 'Rajoni për kontaktet e ndihmës',
    region_auto: 'Automatikisht ({region})',
    bundlesInUse: 'Paketat e rregullave',
    pageCount: 'Postime me shenja rreziku në këtë faqe: {n}',
    moreSettings: 'Cilësime të tjera',
    optionsTitle: 'Cilësimet e redflag',
    language: 'Gjuha',
    langAuto: 'Automatikisht (gjuha e shfletuesit)',
    importTitle: 'Importo një paketë rregullash',
    importHelp: 'Një skedar .json i krijuar me „redflag compile”. Kontrollohet para përdorimit.',
    importButton: 'Zgjidh skedarin…',
    importOk: 'U importua: {title} ({version})',
    importError: 'Nuk u importua: {file}: {msg}. Rregullat në përdorim nuk ndryshuan.',
    imported: 'Paketat e importuara',
    none: 'Asnjë',
    remove: 'Hiq',
    removed: 'U hoq: {title}',
    builtin: 'Paketat e integruara',
    forgetChoices: 'Harro të gjitha zgjedhjet „Nuk është problem” dhe „Fshih”',
    forgotten: 'Zgjedhjet u harruan.',
    unverified: 'i paverifikuar',
    verified: 'i nënshkruar nga një botues i besuar',
    unsignedConfirm: '{file} nuk është nënshkruar nga një botues që redflag e beson, prandaj askush nuk garanton për rregullat dhe lidhjet e ndihmës. Importojeni vetëm nëse e keni marrë nga dikush që e besoni.',
    importAnyway: 'Importoje gjithsesi',
    cancel: 'Anulo',
    importCancelled: 'Nuk u importua: {file}. Rregullat në përdorim nuk ndryshuan.',
    forgetAllTitle: 'Harro gjithçka',
    forgetAllHelp: 'Fshin nga ky shfletues cilësimet tuaja, paketat e importuara dhe të gjitha zgjedhjet „Nuk është problem” dhe „Fshih”. Asgjë tjetër nuk ruhet.',
    forgetAll: 'Harro gjithçka',
    forgotAll: 'Gjithçka që redflag ruante në këtë shfletues u fshi.',
    privacy: 'redflag i kontrollon postimet në pajisjen tuaj. Nuk dërgon asgjë askund dhe nuk ruan atë që lexoni: zgjedhja „Nuk është problem” ruhet si gjurmë e kripur, jo si tekst.',
    // check page (src/check/)
    checkTitle: 'Kontrollo një mesazh',
    checkIntro: 'Ngjitni një njoftim pune ose një mesazh që keni marrë. redflag kërkon shenja që janë të shpeshta në ofertat që përdoren për të tërhequr njerëz në shfrytëzim.',
    checkLabel: 'Mesazhi ose njoftimi',
    checkButton: 'Kontrollo',
    checkClear: 'Fshij',
    checkEmpty: 'Së pari ngjitni një mesazh ose njoftim.',
    checkLoading: 'Kontrolli po përgatitet…',
    level_none: 'Nuk u gjetën shenja rreziku',
    sum_none: 'redflag nuk gjeti asnjë nga shenjat që njeh. Kjo nuk provon se oferta është e sigurt: kontrolloni kush është punëdhënësi, kërkoni kontratë dhe mbajeni pasaportën me vete.',
    checkMarked: 'Teksti juaj, me shenjat e rrezikut të shënuara',
    checkWhyIntro: 'Fjalë në këtë mesazh që janë të shpeshta në oferta të rrezikshme:',
    checkLocal: 'Kontrolluar në këtë pajisje. Asgjë që ngjitni këtu nuk dërgohet askund dhe nuk ruhet.',
    checkCut: 'Teksti është i gjatë: u kontrolluan vetëm {n} shenjat e para.',
    checkError: 'Kontrolli nuk u krye: {msg}',
    checkOffline: 'Pas vizitës së parë kjo faqe punon edhe pa internet. Mund ta shtoni në ekranin kryesor.',
    regions: {
      auto: 'Automatikisht', RU: 'Rusia', UA: 'Ukraina', RS: 'Serbia', XK: 'Kosova', AL: 'Shqipëria',
      BA: 'Bosnjë e Hercegovinë', ME: 'Mali i Zi', MK: 'Maqedonia e Veriut', HR: 'Kroacia',
      US: 'SHBA', intl: 'Tjetër / ndërkombëtare',
    },
    families: {
      women_only: 'Vetëm vajza, moshë e ngushtë ose pamje', high_pay: 'Pagë e lartë pa përvojë, pagesë çdo ditë',
      abroad: 'Punë jashtë vendit', travel_paid: 'Udhëtim, vizë ose banim i paguar',
      control: 'Borxh ose dokumente të marra', informal: 'Pa kontratë dhe pa pyetje',
      euphemism: 'Emër pune që shpesh përdoret si mbulesë', sexual_services: 'Shërbime intime',
      photos: 'Kërkohen fotot tuaja', anonymous_contact: 'Vetëm me mesazhe private',
      reassurance: 'Siguri „pa intimitet”, „gjithçka e sigurt”', minors: 'Drejtuar personave nën 18',
      image_abuse: 'Shkëmbim ose vlerësim fotosh intime', job_offer: 'Ofron punë ose të ardhura',
      news: 'Lajm ose raportim', awareness: 'Paralajmërim',
      licensed_employer: 'Punëdhënës i emërtuar me licencë', contract: 'Kontratë zyrtare',
      training: 'Trajnim, kurs ose ekip', licensed_agency: 'Agjenci e licencuar dhe vizë pune',
    },
  };

  // Serbian Latin -> Serbian Cyrillic (1:1 except the digraphs lj, nj, dž).
  const SR_MAP = {
    a: 'а', b: 'б', v: 'в', g: 'г', d: 'д', đ: 'ђ', e: 'е', ž: 'ж', z: 'з', i: 'и', j: 'ј',
    k: 'к', l: 'л', m: 'м', n: 'н', o: 'о', p: 'п', r: 'р', s: 'с', t: 'т', ć: 'ћ', u: 'у',
    f: 'ф', h: 'х', c: 'ц', č: 'ч', š: 'ш',
  };
  const KEEP_LATIN = /(redflag compile|redflag|\{[a-z]+\}|\.json|SAD)/g;
  function srCyrl(text) {
    // Keep placeholders, the product name and file names in Latin.
    const parts = text.split(KEEP_LATIN);
    return parts.map((part, i) => (i % 2 === 1 ? part : translitPart(part))).join('');
  }
  function translitPart(s) {
    let out = '';
    for (let i = 0; i < s.length; i++) {
      const ch = s[i];
      const lower = ch.toLowerCase();
      const next = (s[i + 1] || '').toLowerCase();
      const upper = ch !== lower;
      let cy = null;
      if (lower === 'l' && next === 'j') { cy = 'љ'; i++; }
      else if (lower === 'n' && next === 'j') { cy = 'њ'; i++; }
      else if (lower === 'd' && next === 'ž') { cy = 'џ'; i++; }
      else cy = SR_MAP[lower];
      if (cy == null) { out += ch; continue; }
      out += upper ? cy.toUpperCase() : cy;
    }
    return out;
  }
  function deriveCyrl(obj) {
    if (typeof obj === 'string') return srCyrl(obj);
    const out = {};
    for (const [k, v] of Object.entries(obj)) out[k] = deriveCyrl(v);
    return out;
  }
  S['sr-Cyrl'] = deriveCyrl(S['sr-Latn']);
  S['sr-Cyrl'].regions.US = 'САД';

  // Browser language -> UI language.
  function pickLang(tags) {
    for (const raw of tags || []) {
      if (!raw) continue;
      const tag = String(raw).toLowerCase();
      const base = tag.split(/[-_]/)[0];
      if (base === 'sr' || base === 'cnr' || base === 'me') {
        if (tag.includes('latn') || base !== 'sr' || /-(me)$/.test(tag)) return 'sr-Latn';
        return 'sr-Cyrl';
      }
      if (base === 'hr' || base === 'bs') return 'hr';
      if (base === 'sq') return 'sq';
      if (base === 'ru' || base === 'be' || base === 'kk') return 'ru';
      if (base === 'uk') return 'uk';
      if (base === 'en') return 'en';
    }
    return 'en';
  }
  function browserLangs() {
    try {
      if (typeof navigator !== 'undefined') {
        return navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language];
      }
    } catch (_) { /* ignore */ }
    return ['en'];
  }

  // Region for support links, guessed from the browser's languages.
  const REGIONS = ['RU', 'UA', 'RS', 'XK', 'AL', 'BA', 'ME', 'MK', 'HR', 'US', 'intl'];
  function guessRegion(tags) {
    for (const raw of tags || []) {
      if (!raw) continue;
      const parts = String(raw).split(/[-_]/);
      const base = parts[0].toLowerCase();
      const country = parts.slice(1).find((p) => /^[A-Za-z]{2}$/.test(p));
      const cc = country ? country.toUpperCase() : null;
      if (cc && REGIONS.includes(cc)) return cc;
      const byLang = { ru: 'RU', uk: 'UA', sr: 'RS', hr: 'HR', bs: 'BA', sq: 'AL', mk: 'MK', cnr: 'ME' };
      if (byLang[base]) return byLang[base];
      if (base === 'en' && cc === 'US') return 'US';
    }
    return 'intl';
  }

  function resolveLang(setting) {
    if (setting && LANGS.includes(setting)) return setting;
    return pickLang(browserLangs());
  }

  function t(lang, key, vars) {
    const table = S[lang] || S.en;
    let s = table[key];
    if (s == null) s = S.en[key];
    if (s == null) return key;
    if (vars) s = s.replace(/\{([a-z]+)\}/g, (m, name) => (name in vars ? String(vars[name]) : m));
    return s;
  }
  function family(lang, id) {
    const table = (S[lang] || S.en).families;
    return (table && table[id]) || S.en.families[id] || String(id).replace(/_/g, ' ');
  }
  function regionName(lang, code) {
    const table = (S[lang] || S.en).regions;
    return (table && table[code]) || S.en.regions[code] || code;
  }

  globalThis.RedflagI18n = {
    LANGS, LANG_NAMES, REGIONS, STRINGS: S, t, family, regionName, pickLang, guessRegion,
    resolveLang, browserLangs, srCyrl,
  };
})();
