// Site profiles: which elements are posts and which part of them is the text. Data only, so
// contributors can update a selector when a site changes its markup (like cosmetic filters in
// ad-blocking lists); CONTRIBUTING.md, "When a site changes its markup", says how. Every
// selector follows published evidence: ../shared/research/site-markup.md names the public
// code each fact comes from, and `verified` repeats it here. Classic script: defines
// globalThis.RedflagProfiles.
//
// Fields of a profile:
//   id       short name, shown in the popup
//   hosts    host names (a host matches itself and its subdomains)
//   detect   optional CSS selector: the profile also applies on any other host whose page
//            contains this (mirrors, self-hosted clients, saved pages, test fixtures)
//   items    list of { post, text, exclude?, insert? }
//            post     selector of one post (a wall post, a chat message, a job ad)
//            text     selector(s) inside the post whose text is checked; ":scope" = the post
//                     itself. Several matches are joined; an element inside another match is
//                     read once; an element that belongs to a post inside this one (a comment
//                     under a wall post) is read with that post, not this one.
//            exclude  selector of parts of the text to skip (times, counters, reactions, "show
//                     more"). Buttons, <time>, scripts and hidden parts are always skipped.
//            insert   where the banner goes: "after-text" (default: after the last text
//                     element), "append" (last child of the post), "before" (before the post),
//                     "after-post" (after the post, outside it: for a <p>, which cannot hold
//                     the banner), "prepend" (first child of the post: the generic reading
//                     puts a long post's banner at its top, blind round 4)
//   generic  true: the generic reading also runs on this site, for the pages the profile
//            does not know (it never reads inside or around a post the profile found)
//   skip     optional selector of the site's chrome that the generic reading never enters
//            on this site (a messenger's dialog list, service lines), besides GENERIC.exclude
//   verified the evidence the selectors follow and its date, or "" if there is none
//
// Generated class names ("vkitPostText__root--x3Fk9") are matched by their stable part
// ([class*="PostText__root"]), never by the hash. Never blind: when a profile finds no post
// on a page, or a post's text selector finds nothing, the generic reading takes over for that
// page or post (content.js) and the popup says so.
(function () {
  'use strict';

  // The generic reading, for pages no profile knows. The page is walked once, outermost
  // element first: an element of one of these kinds is read whole when its text length is
  // between min and max; otherwise the walk goes inside it. The banner is appended to the
  // post unless the kind says otherwise (`insert`, as in a profile's items); a kind with
  // insert "after-post" (a paragraph) is read with its block around it when that block is a
  // post of its own size, else alone with the banner after it.
  // [id^="message-"][id$="0"], … : an id with one of these prefixes that ends with a digit.
  const ID_POSTS = ['message-', 'msg-', 'post-', 'comment-', 'chat-messages-']
    .flatMap((p) => [...'0123456789'].map((d) => `[id^="${p}"][id$="${d}"]`)).join(', ');

  const GENERIC = {
    id: 'generic',
    kinds: [
      { sel: 'article, [role="article"], [itemtype*="JobPosting"]', min: 20, max: 9000 },
      // Elements named as posts, comments or messages are read from 20 characters: a chat
      // message or a comment is often one short line ("Девушки 18+, 5000 в день, пиши в лс").
      // `nestSelf`: one of them holding another of its kind (a comment with its replies) is
      // not one post; the walk goes inside and reads each apart (blind round 2).
      { sel: '.post, .comment, .message', min: 20, max: 9000, nestSelf: true },
      { sel: 'blockquote', min: 60, max: 9000 },
      // Cards of listings and chat messages: elements carrying an item or message id (VK's
      // messenger: data-msgid; Matrix clients: data-event-id).
      { sel: '[data-id], [data-item-id], [data-post-id], [data-message-id], [data-msgid], [data-event-id], [data-comment-id], [data-mid], [data-job-id], [data-ad-id], [data-entity-id], [data-vacancy-id], [data-offer-id], [data-listing-id], [data-product-id]', min: 20, max: 4500 },
      // Elements whose id names them a message, post or comment with its number
      // (telegram-tt's message-<id>, Discord's chat-messages-<channel>-<id>, WordPress's
      // comment-<id>, VK's post-<owner>_<id>): ids survive a redesign of classes. Read from 20
      // characters; one holding others of its kind (a list named message-list…) is not one.
      { sel: ID_POSTS, min: 20, max: 9000, nestSelf: true },
      // A list item with blocks inside it (a chat message, a comment with its author line) is
      // read from 20 characters (`structuredMin`); a bullet of running text only from 60, so
      // a description's bullets stay with their description. A list item holding list items
      // (a comment with its replies) is not one post (`nestSelf`).
      { sel: 'li, dd, td', min: 60, max: 4500, structuredMin: 20, nestSelf: true },
      { sel: 'p', min: 60, max: 4500, insert: 'after-post' },
    ],
    // A card: the largest element around a heading that holds (or sits in) a link and no other
    // such heading; a listing of short titles is read title by title.
    card: { min: 15, max: 4500 },
    // Any other block (div, section, …) whose text is its own: the nearest block around a
    // piece of text.
    block: { min: 60, max: 4500 },
    // An item of a list of like items (siblings of one tag and class, each made of a few
    // pieces of text: mail rows, comments; discover.js): read from 20 characters, as a named
    // comment is. Blind round 3.
    repeated: { min: 20, max: 4500 },
    // Never read, never entered: the page's chrome (also by ARIA role: a Facebook group's
    // navigation is a div[role="navigation"]), and what is not the author's own words:
    // quotes of another post (a forum's quote block: XenForo's bbCodeBlock--quote, vBulletin's
    // bbcode_quote, Discourse's aside.quote; a class that merely mentions quoting, such as
    // XenForo's js-selectToQuote on the post body, is not one), links
    // named "reply" (a reply button, or the preview of the message a reply answers, as on
    // t.me/s), signatures. Blind round, docs/EXTENSION.md.
    // The user's own compose boxes in every form (blind round 4): contenteditable="" and
    // "plaintext-only" are editable as "true" is, role="textbox" names an editor, and a
    // quick-reply box's placeholder ("Нажмите, чтобы ответить") is part of one.
    exclude: 'script, style, noscript, template, nav, footer, header, form, button, select, textarea, [contenteditable]:not([contenteditable="false"]), [role="textbox"], '
      + '[class*="quickreply" i], [class*="quick-reply" i], [class*="quick_reply" i], [aria-hidden="true"], '
      + '[role="navigation"], [role="banner"], [role="contentinfo"], [role="search"], [role="toolbar"], [role="tablist"], [role="menu"], [role="menubar"], '
      + '[class~="quote"], [class*="-quote"], [class*="_quote"], blockquote[cite], a[class*="reply" i], '
      // The quote of the message a reply answers (Element's blockquote.mx_ReplyChain, Discord's
      // repliedMessage…), and message timestamps written as text (Element's
      // mx_MessageTimestamp, Discord's timestamp_…): blind round 2.
      + 'blockquote[class*="reply" i], [class*="replied" i], [class*="timestamp" i], '
      + '[class~="signature"], [class*="-signature"], [class*="_signature"], '
      // Links drawn as buttons ("Apliko", "Apply", "Откликнуться" as <a class="btn …">):
      // controls, not words of the post. Blind round 3.
      + 'a[class~="btn"], a[class*="btn-"], a[class*="button" i]',
    // A post does not hold posts: an element with articles inside (a Facebook post with its
    // comments, a WordPress comment with its replies, a forum post around its body) is not
    // read whole; the walk goes inside it.
    nested: 'article, [role="article"]',
    minLength: 60,
  };

  const PROFILES = [
    {
      id: 'vk',
      hosts: ['vk.com', 'vk.ru', 'vkontakte.ru', 'vkvideo.ru'],
      detect: '.post[data-post-id] .wall_post_text, #page_wall_posts .post, #feed_rows .post, [data-testid="post"][data-post-id], .wall_item .pi_text',
      items: [
        // Legacy wall and feed posts, still served on some pages (also .post.Post--redesignV3);
        // reposts are joined in.
        { post: '.post[data-post-id], .post._post', text: '.wall_post_text, [class*="PostText__root"], [class*="PostTextV2__root"]', exclude: '.wall_post_more, .PostTextMore, [class*="ShowMoreText__after"], [data-testid="showmoretext-after"]', insert: 'after-text' },
        // The 2025 feed and wall: div[role="feed"] > article > div[data-testid="post"]. The
        // article only wraps the post (it holds no text of its own). Text in generated classes
        // vkitPostText__root…, PostTextV2__root…, "show more" pieces vkitShowMoreText__….
        { post: '[data-testid="post"], div[role="feed"] > article', text: '[class*="PostText__root"], [class*="PostTextV2__root"], [data-testid="showmoretext"], [class*="ShowMoreText__text"]', exclude: '[class*="ShowMoreText__after"], [data-testid="showmoretext-after"], [class*="PostHeader"], [class*="PostDateBlock"], [class*="PostBottomAction"], [data-testid="post-header-title"]', insert: 'after-text' },
        // The mobile site (m.vk.com): the wall split into .wall_item, the text in .pi_text (a
        // repost's copied text is a second .pi_text in the same item: both are read).
        { post: '.wall_item', text: '.pi_text', exclude: '.pi_text_more', insert: 'after-text' },
        // Legacy comments under a post.
        { post: '.reply._post, .reply[data-post-id], .replies_list .reply', text: '.wall_reply_text', insert: 'after-text' },
        // The messenger (vk.com/im): one li.im-mess per message (data-msgid) in a sender's
        // .im-mess-stack, the text in .im-mess--text; a service row (im-mess_srv: "X invited
        // Y") is no one's words; "(ред.)" marks an edited message.
        { post: 'li.im-mess[data-msgid]:not(.im-mess_srv)', text: '.im-mess--text', exclude: '.im-mess--lbl-was-edited, ._im_edit_time, .im-mess--actions', insert: 'after-text' },
        // 2025 comments; a thread's replies sit inside the comment they answer.
        { post: '[data-testid="wall_comments_comment_root"], [data-testid="wall_comments_comment_in_thread"]', text: '[data-testid="comment-text"]', exclude: '[class*="ShowMoreText__after"], [data-testid="showmoretext-after"], [data-testid="comment-owner"], [data-testid="wall_comment_date"], [data-testid="comment-like"]', insert: 'after-text' },
        // Comments under a video (vkvideo.ru, vk.com/video): [data-testid="comment"], the text
        // in [data-testid="comment-text"] (class vkitComment__formattedText…), the author in
        // vkitCommentBase__title…; the list reuses its rows while scrolling (blind round 5).
        { post: '[data-testid="comment"]', text: '[data-testid="comment-text"], [class*="vkitComment__formattedText"]', insert: 'after-text' },
        // The 2025 messenger (vk.com/im/convo/<peer>, shared with web.vk.me): one
        // .ConvoHistory__messageWrapper (data-itemkey) per message, its text in
        // .ConvoMessageWithoutBubble__text (.MessageText), a forwarded message's in
        // .ForwardedMessageNew__content, a shared post's in .AttachWallNew__message; the author
        // line, time, reactions and the quote a reply answers are not the message's words. The
        // list drops its oldest rows as newer ones arrive (blind round 6).
        { post: '[class*="ConvoHistory__messageWrapper"]', text: '[class*="ConvoMessageWithoutBubble__text"], [class*="ForwardedMessageNew__content"], [class*="AttachWallNew__message"]', exclude: '[class*="ConvoMessageHeader"], [class*="ConvoMessageInfoWithoutBubbles"], [class*="ConvoMessageWithoutBubble__reactions"], [data-testid="vkme_replied_message"]', insert: 'after-text' },
      ],
      // The generic reading also runs on vk.com, outside the posts above: what no item knows
      // (a photo's caption in the viewer, pages of a new design) is still read (blind round 2).
      generic: true,
      // The messenger's dialog list (previews of other chats) and service rows (im_drow,
      // im_service_row).
      skip: '.nim-dialog, .im-mess_srv',
      verified: 'video comments: botnadzor/extension video comment insertions ([data-testid="comment"], comment-avatar, vkitCommentBase__title), a VK userscript (.vkitComment__formattedText--…), a VK comment scraper ([data-testid="comment_text"], div.vkitComment__contentWrapper) (read 2026-12-06, undated); maxhack1337/vk_tools getNearestPost.ts 2025-05, getInlineCommentElement.ts 2025-05, innerStyleGet.ts 2025-09; vknext/vk-classic-feed onAddWallPost.ts 2025-09, oldPostDesign/index.scss 2025-09; botnadzor/extension insertions.ts (comments, legacy .reply._post); m.vk.com .wall_item/.pi_text: VKPublicPostBot Parser/Parsing/Text.cs, a Java VK wall reader and a Rust scraper (read 2026-12-06, undated); messenger: vk.com im templates im_mess_stack / im_msg_row / im_service_row in a copy of its bundle, im scrapers (.im-mess--text._im_log_body, ._im_mess_stack) (read 2026-12-06); 2025 messenger (vk.com/im/convo): a public capture userscript (.ConvoHistory__messageWrapper[data-itemkey], .ConvoMessageWithoutBubble__text .MessageText, .ForwardedMessageNew__content, .AttachWallNew__message, .ConvoMessageHeader__authorLink, .ConvoMessageInfoWithoutBubbles__date, [data-testid="vkme_replied_message"]) and a userscript hiding .ConvoHistory__messageWrapper by .PeerTitle__title (read 2026-12-06, undated)',
    },
    {
      id: 'telegram-k',
      hosts: ['web.telegram.org', 'webk.telegram.org'],
      detect: '.bubbles-inner .bubble[data-mid]',
      items: [
        // <div class="message spoilers-container"> holds the text, with span.translatable-message
        // inside it (read once) and the time (span.time > .time-inner) at its end.
        // Service lines ("bubble service": joined, pinned, dates) are no one's words. A poll's
        // question and answers are read (poll.ts: .poll-title, .poll-answer-text), not its
        // percentages, type or vote count.
        { post: '.bubble[data-mid]:not(.service)', text: '.message, .translatable-message, .poll-title, .poll-answer-text', exclude: '.time, .time-inner, .reactions, reactions-element, .name, .reply, .web, .bubble-beside-button, .replies', insert: 'after-text' },
      ],
      verified: 'morethanwords/tweb bubbleText.tsx, bubbleLayout.tsx, bubbleTime.tsx, bubbleName.tsx, messageRender.ts, reactions.ts (read 2026-12); bubbles.ts ("bubble service" > .service-msg, forwarded, is-album), poll.ts (.poll-answer-text) (read 2026-12-06)',
    },
    {
      id: 'telegram-a',
      hosts: ['web.telegram.org', 'webz.telegram.org'],
      detect: '.messages-container .Message[data-message-id], .MessageList .message-list-item',
      items: [
        // .text-content holds the text and, inside it, .MessageMeta (views, time) and, while a
        // translation loads, .translation-animation with a second copy of the text.
        // Service lines are div.ActionMessage.message-list-item with a data-message-id too
        // (ActionMessage.tsx): no one's words, not posts. A message without .text-content (a
        // poll, a sticker, a photo without caption) reads its poll's question and options
        // (older Poll.tsx / PollOption.tsx class names); one with none of these is read whole,
        // as everywhere.
        { post: '.Message[data-message-id], .message-list-item[data-message-id]:not(.ActionMessage)', text: '.text-content, .poll-question, .poll-option-text', exclude: '.MessageMeta, .Reactions, .message-title, .EmbeddedMessage, .translation-animation, .text-loading', insert: 'after-text' },
      ],
      verified: 'Ajaxy/telegram-tt Message.tsx, MessageMeta.tsx, Reactions.tsx, common/embedded/EmbeddedMessage.tsx (read 2026-12); ActionMessage.tsx, Album.tsx, poll/Poll.tsx (read 2026-12-06)',
    },
    {
      // Telegram's public channel preview (t.me/s/<channel>) and single-post pages. The reply
      // preview (a.tgme_widget_message_reply, a copy of the message answered) and "Forwarded
      // from" are not the message's words. Other pages of t.me (profiles, invitations) get
      // the generic reading.
      id: 'telegram-s',
      hosts: ['t.me', 'telegram.me'],
      detect: '.tgme_widget_message[data-post] .js-message_text',
      items: [
        { post: '.tgme_widget_message[data-post]', text: '.js-message_text', exclude: '.tgme_widget_message_reply, .tgme_widget_message_forwarded_from, .tgme_widget_message_author, .tgme_widget_message_footer, .tgme_widget_message_reactions', insert: 'after-text' },
      ],
      generic: true,
      verified: 'snscrape telegram module (div.tgme_widget_message[data-post]); minet telegram scraper; scrapers reading .tgme_widget_message_text / js-message_text, _forwarded_from, _reply, _reactions (read 2026-12-06, undated)',
    },
    {
      id: 'hh',
      hosts: ['hh.ru', 'hh.kz', 'hh.uz', 'rabota.by', 'headhunter.ge'],
      detect: '[data-qa~="vacancy-serp__vacancy"], [data-qa="vacancy-description"]',
      items: [
        // Search results. The title wraps serp-item__title-text and the employer
        // vacancy-serp__vacancy-employer-text: the outer ones are read.
        { post: '[data-qa~="vacancy-serp__vacancy"]', text: '[data-qa="serp-item__title"], [data-qa="vacancy-serp__vacancy-employer"], [data-qa^="vacancy-serp__vacancy_snippet"], [data-qa="short_description"]', insert: 'append' },
        // Vacancy page: the description, not the .vacancy-section around it.
        { post: '[data-qa="vacancy-description"]', text: ':scope', insert: 'before' },
      ],
      verified: 'smrduty/practice src/selectors.py, 2026-01',
    },
    {
      id: 'avito',
      hosts: ['avito.ru'],
      detect: '[data-marker="item"] [data-marker="item-title"], [data-marker="item-view/item-description"]',
      items: [
        // The title link a[data-marker="item-title"] holds h3[itemprop="name"]: the link is read.
        { post: '[data-marker="item"]', text: '[data-marker="item-title"], [data-marker="item-specific-params"], [class*="iva-item-descriptionStep"]', insert: 'append' },
        { post: '[data-marker="item-view/item-description"], [itemprop="description"]:not(meta):not([data-marker="item"] *)', text: ':scope', insert: 'before' },
      ],
      verified: 'smrduty/practice src/avito_parser.py, 2026-01',
    },
    {
      // olx.ba runs another platform (/artikal/<id>) and olx.com has no evidence: neither is here.
      id: 'olx',
      hosts: ['olx.ua', 'olx.pl', 'olx.kz', 'olx.uz', 'olx.ro', 'olx.bg', 'olx.pt'],
      detect: '[data-cy="l-card"], [data-cy="ad_description"], [data-testid="ad_description"]',
      items: [
        // [data-cy="ad-card-title"] also holds the price: only its heading is read.
        { post: '[data-cy="l-card"], [data-testid="l-card"]', text: '[data-cy="ad-card-title"] h4, [data-cy="ad-card-title"] h6', insert: 'append' },
        { post: '[data-cy="ad_description"], [data-testid="ad_description"]', text: ':scope', insert: 'before' },
      ],
      verified: 'Prirogativus/Devyse configs/scraper_config.py (undated)',
    },
    {
      id: 'kupujemprodajem',
      hosts: ['kupujemprodajem.com', 'kp.rs'],
      detect: '[class*="AdItem_adOuterHolder"], [class*="AdViewDescription_descriptionHolder"]',
      items: [
        // Older listing markup.
        { post: 'section[class*="AdItem_adOuterHolder"]', text: '[class*="AdItem_name"]', insert: 'append' },
        // 2026 listing: bare <article> cards linking to /oglas/.
        { post: 'article:has(a[href*="/oglas/"])', text: ':scope', insert: 'append' },
        // Ad page: the holder only (a bare [class*="AdViewDescription"] also matches its pieces).
        { post: 'section[class*="AdViewDescription_descriptionHolder"]', text: ':scope', insert: 'before' },
      ],
      verified: 'pythonpetar-cloud/kupujemprodajem-price-tracker main.py, 2026-08 (article cards); AdItem_* and AdViewDescription_* markup: older scrapers, undated',
    },
    {
      // Ad pages: no evidence of their markup; the generic reading covers them.
      id: 'infostud',
      hosts: ['poslovi.infostud.com', 'infostud.com'],
      detect: '[data-job-id] h2, [id^="oglas_"] h2',
      items: [
        { post: '[data-job-id]', text: 'h2', insert: 'append' },
        // Older markup.
        { post: '[id^="oglas_"]', text: 'h2', insert: 'append' },
      ],
      generic: true,
      verified: 'a 2026 scraper named in site-markup.md ([data-job-id] cards with an h2 title); [id^="oglas_"]: older markup, undated',
    },
    {
      id: 'njuskalo',
      hosts: ['njuskalo.hr'],
      detect: '.EntityList-item, .ClassifiedDetailDescription-text',
      items: [
        // .entity-description-main sits inside .entity-description: the inner one is read.
        { post: 'li.EntityList-item', text: '.entity-title, .entity-description-main', insert: 'append' },
        { post: '.ClassifiedDetailDescription-text', text: ':scope', insert: 'before' },
      ],
      verified: 'Scallywer/njuskalo-scraper electronics/parsers.py, 2026-06; kerper10-dotcom/njuskalo-monitor',
    },
    {
      // Search results: each ad is one title line (span.job-position in a link), often shorter
      // than the generic reading's 60 characters for a block of text. Job pages: no evidence,
      // the generic reading.
      id: 'mojposao',
      hosts: ['moj-posao.net'],
      detect: 'div.job-data span.job-position',
      items: [
        { post: 'div.job-data', text: '.job-position', insert: 'append' },
      ],
      generic: true,
      verified: 'a moj-posao.net scraper (div.job-data, span.job-position; read 2026-12-06, undated)',
    },
    {
      // Ad pages have no description container (only JSON-LD): the generic reading covers them.
      id: 'merrjep',
      hosts: ['merrjep.com', 'merrjep.al', 'merrjep.mk'],
      detect: 'div.row-listing h2 a',
      items: [
        { post: 'div.row-listing', text: 'h2', insert: 'append' },
      ],
      generic: true,
      verified: 'ErlisX/merrjep_scraper scraper/merrjep_scraper.py, 2024-11; lirimkrosa/Merrjep-Scraper, 2020',
    },
    {
      // Gmail: the inbox rows (subject and snippet, not the sender and date) and an opened
      // message's body (not its header: sender, "to me", the time written as text). The
      // generic reading reads the rest. Blind round 3.
      id: 'gmail',
      hosts: ['mail.google.com'],
      items: [
        { post: 'tr.zA', text: '.bog, .y2', insert: 'after-text' },
        { post: '[data-message-id]', text: '.a3s', insert: 'after-text' },
      ],
      generic: true,
      verified: 'bitsector/gmail-browser-extension content.js (.zA rows, .bog subject, .a3s body); neelchau/Spam-mail-extension content.js (h2.hP, .gD, .a3s.aiL); an extraction module quoting .y2 snippets and [data-message-id] .a3s.aiL (read 2026-12-06, undated)',
    },
    {
      // YouTube: each comment (a top-level one or a reply), its text only (not the author,
      // "2 weeks ago", the like count); the banner at the end of the comment (the text sits
      // in a box that is clipped while collapsed). The generic reading reads the rest (the
      // description, titles). Blind round 3.
      id: 'youtube',
      hosts: ['youtube.com'],
      items: [
        { post: 'ytd-comment-view-model, ytd-comment-renderer', text: '#content-text', insert: 'append' },
      ],
      generic: true,
      verified: 'Loading617/DownloadYouTubeComment content.js (ytd-comment-thread-renderer, #content-text); hendri-marcolia/yt-comments-filter-plugin comments.js (yt-attributed-string#content-text, emoji <img alt>) (read 2026-12-06, undated)',
    },
    {
      // SuperJob's search results: each vacancy a div carrying the stable test class
      // f-test-vacancy-item beside generated ones (_3zucV, iJCa5 … change with each build), read
      // whole (title, salary, place, the snippet) but for the company's name and the buttons
      // ("Откликнуться"). Vacancy pages: the generic reading. Blind round 4.
      id: 'superjob',
      hosts: ['superjob.ru'],
      detect: '[class~="f-test-vacancy-item"] a[class*="f-test-link-"]',
      items: [
        { post: '[class~="f-test-vacancy-item"]', text: ':scope', exclude: '[class*="f-test-text-vacancy-item-company-name"], [class*="f-test-button"]', insert: 'append' },
      ],
      generic: true,
      verified: 'scrapers found by the string "f-test-vacancy-item" (2020-2024: div.f-test-vacancy-item with generated classes, a[class*="f-test-link-"] titles, span.f-test-text-company-item-salary, span.f-test-text-vacancy-item-company-name; read 2026-12-06)',
    },
    {
      // lalafo (Kyrgyzstan; the same platform runs lalafo.az and lalafo.rs, found by `detect`
      // when their markup is the same): each ad a tile, its title and price read, not the city,
      // date, views and favourites button. Blind round 5.
      id: 'lalafo',
      hosts: ['lalafo.kg'],
      detect: 'article.adTile-wrap .adTile-title',
      items: [
        { post: 'article.adTile-wrap', text: '.adTile-title, .adTile-price', insert: 'append' },
      ],
      generic: true,
      verified: 'lalafo.kg scrapers found by code search: div.main-feed__container / business-profile-feed__container > article.adTile-wrap, a.adTile-mainInfo > div.adTile-title__wrap > span.adTile-title, p.adTile-price (read 2026-12-06, undated)',
    },
    {
      // Jooble, the job aggregator (ua.jooble.org, rs.jooble.org, …): each result card read
      // whole (title, salary, snippet, or the whole description once "read more" has fetched
      // it) but for the employer and the caption pieces (place, "2 days ago"). Blind round 5.
      id: 'jooble',
      hosts: ['jooble.org'],
      detect: '[data-test-name="_jobCard"] h2 a',
      items: [
        { post: '[data-test-name="_jobCard"]', text: ':scope', exclude: '[data-test-name="_companyName"], .caption', insert: 'append' },
      ],
      generic: true,
      verified: 'Jooble scrapers found by code search (2024-2026): div[data-test-name="_jobCard"] in li of a hashed ul, h2 a / .job_card_link titles, [data-test-name="_companyName"], .caption pieces (read 2026-12-06)',
    },
    {
      // Mastodon (any server: `detect`): each status's text, and a content warning's summary,
      // not its author, time, counters and buttons ("Read more", "Translate"). A status is
      // rewritten often (times tick, text redrawn): it is read again only when its text changes.
      // Blind round 5.
      id: 'mastodon',
      hosts: ['mastodon.social', 'mastodon.online', 'mstdn.social', 'mas.to'],
      detect: '.status[data-id] .status__content__text, .detailed-status .status__content__text',
      items: [
        { post: '.status[data-id], .detailed-status', text: '.status__content__text, .content-warning p', exclude: '.status__content__read-more-button, .translate-button', insert: 'after-text' },
      ],
      generic: true,
      verified: 'mastodon/mastodon app/javascript/mastodon/components/status_content.jsx (div.status__content > .status__content__text, read-more and translate buttons), status.jsx (div.status with data-id inside .status__wrapper) (read 2026-12-06)',
    },
    {
      // Indeed's job view: the description (#jobDescriptionText) read alone, its banner at its
      // top; the result cards, the title and the rest are the generic reading's. Blind round 4's
      // page, profile added in round 5.
      id: 'indeed',
      hosts: ['indeed.com'],
      detect: '#jobDescriptionText',
      items: [
        { post: '#jobDescriptionText', text: ':scope', insert: 'before' },
      ],
      generic: true,
      verified: 'paramaw/indeed parsers/job.rb (.jobsearch-JobInfoHeader-title, div#jobDescriptionText); TypeScript scrapers (h2[data-testid="jobsearch-JobInfoHeader-title"]) (read 2026-12-06, undated)',
    },
    {
      // Kufar (Belarus): each ad a link a[data-name="adLink"], read whole, the banner at its end
      // inside the link (as the generic reading put it; a click on the banner's buttons never
      // reaches the link: banner.js). Not after the link: there it sits above the next ad. The
      // ad page's text in a CSS-module class styles_description_content__<hash>. Blind round
      // 4's page, profile added in round 5.
      id: 'kufar',
      hosts: ['kufar.by'],
      detect: 'a[data-name="adLink"]',
      items: [
        { post: 'a[data-name="adLink"]', text: ':scope', insert: 'append' },
        { post: '[class*="styles_description_content__"]', text: ':scope', insert: 'before' },
      ],
      generic: true,
      verified: 'a Kufar scraper found by code search (a[data-name=\'adLink\'] cards); alex4845/pythonProject7 site_cards/cards/tests.py (.styles_wrapper__…, .styles_description_content__…) (read 2026-12-06, undated)',
    },
  ];

  function hostMatches(host, list) {
    host = String(host || '').toLowerCase().replace(/^www\./, '');
    return (list || []).some((h) => host === h || host.endsWith(`.${h}`));
  }

  // Profiles for this page: by host first, then by `detect`.
  function forPage(loc, doc) {
    const byHost = PROFILES.filter((p) => hostMatches(loc.hostname, p.hosts));
    if (byHost.length) return byHost;
    const found = [];
    for (const p of PROFILES) {
      if (p.detect) {
        try { if (doc.querySelector(p.detect)) found.push(p); } catch (_) { /* bad selector */ }
      }
    }
    return found;
  }

  // Every post selector of these profiles as one selector: what "a post" is on this page.
  function postSelector(profiles) {
    return profiles.flatMap((p) => p.items.map((i) => i.post)).join(', ');
  }

  globalThis.RedflagProfiles = { PROFILES, GENERIC, forPage, hostMatches, postSelector };
})();
