// Site profiles: which elements are posts and which part of them is the text. Data only, so
// contributors can update a selector when a site changes its markup (like cosmetic filters in
// ad-blocking lists). Classic script: defines globalThis.RedflagProfiles.
//
// Fields of a profile:
//   id       short name, shown in the popup
//   hosts    host names (a host matches itself and its subdomains)
//   paths    optional: regular expression (source) the path must match
//   detect   optional CSS selector: the profile also applies on any other host whose page
//            contains this (mirrors, self-hosted clients, saved pages, test fixtures)
//   items    list of { post, text, exclude?, insert? }
//            post     selector of one post (a wall post, a chat message, a job ad)
//            text     selector(s) inside the post whose text is checked; ":scope" = the post
//                     itself; several matches are joined
//            exclude  selector of parts of the text to skip (times, reactions, buttons)
//            insert   where the banner goes: "after-text" (default: after the last text
//                     element), "append" (last child of the post), "before" (before the post)
//   generic  true: also run the generic fallback on this site
//   verified date someone last compared the selectors with the live site, or "" if never
(function () {
  'use strict';

  const GENERIC = {
    id: 'generic',
    // Outer candidates first: an article is checked whole unless it is very long; list items
    // and paragraphs only outside a checked article.
    items: [
      { post: 'article, [role="article"], [itemtype*="JobPosting"]', text: ':scope', insert: 'append', maxLength: 6000 },
      { post: '.post, .comment, .message, blockquote', text: ':scope', insert: 'append', maxLength: 6000 },
      { post: 'li, dd, td', text: ':scope', insert: 'append', maxLength: 3000 },
      { post: 'p', text: ':scope', insert: 'after-post', maxLength: 3000 },
    ],
    exclude: 'script, style, noscript, template, nav, footer, header, form, button, select, textarea, [contenteditable="true"], [aria-hidden="true"]',
    minLength: 60,
  };

  const PROFILES = [
    {
      id: 'vk',
      hosts: ['vk.com', 'vk.ru', 'vkontakte.ru'],
      detect: '.post[data-post-id] .wall_post_text, #page_wall_posts .post, #feed_rows .post',
      items: [
        // Wall and feed posts (also reposts: the quoted post's text is joined in).
        { post: '.post[data-post-id], .post._post', text: '.wall_post_text', exclude: '.wall_post_more, .PostTextMore', insert: 'after-text' },
        // Comments under a post.
        { post: '.reply[data-post-id], .reply._post, .replies_list .reply', text: '.wall_reply_text, .reply_text', insert: 'after-text' },
      ],
      verified: '',
    },
    {
      id: 'telegram-k',
      hosts: ['web.telegram.org', 'webk.telegram.org'],
      detect: '.bubbles-inner .bubble[data-mid]',
      items: [
        { post: '.bubble[data-mid]', text: '.translatable-message, .message', exclude: '.time, .time-inner, .reactions, .bubble-name, .name, .reply, .web', insert: 'after-text' },
      ],
      verified: '',
    },
    {
      id: 'telegram-a',
      hosts: ['web.telegram.org', 'webz.telegram.org'],
      detect: '.messages-container .Message[data-message-id], .MessageList .message-list-item',
      items: [
        { post: '.Message[data-message-id], .message-list-item[data-message-id]', text: '.text-content', exclude: '.MessageMeta, .Reactions, .message-title, .EmbeddedMessage', insert: 'after-text' },
      ],
      verified: '',
    },
    {
      id: 'hh',
      hosts: ['hh.ru', 'hh.kz', 'hh.uz', 'rabota.by', 'headhunter.ge'],
      detect: '[data-qa~="vacancy-serp__vacancy"], [data-qa="vacancy-description"]',
      items: [
        { post: '[data-qa~="vacancy-serp__vacancy"], .vacancy-serp-item', text: '[data-qa="serp-item__title"], [data-qa="serp-item__title-text"], [data-qa^="vacancy-serp__vacancy_snippet"], [data-qa="vacancy-serp__vacancy-employer"]', insert: 'append' },
        { post: '.vacancy-section, [data-qa="vacancy-description"]', text: ':scope', insert: 'before' },
      ],
      verified: '',
    },
    {
      id: 'avito',
      hosts: ['avito.ru'],
      detect: '[data-marker="item"] [itemprop="name"], [data-marker="item-view/item-description"]',
      items: [
        { post: '[data-marker="item"]', text: '[itemprop="name"], [data-marker="item-title"], [class*="item-description"], [class*="iva-item-description"], [data-marker="item-specific-params"]', insert: 'append' },
        { post: '[data-marker="item-view/item-description"], [itemprop="description"]', text: ':scope', insert: 'before' },
      ],
      generic: true,
      verified: '',
    },
    {
      id: 'olx',
      hosts: ['olx.ua', 'olx.pl', 'olx.kz', 'olx.uz', 'olx.ro', 'olx.bg', 'olx.pt', 'olx.ba', 'olx.com'],
      detect: '[data-cy="l-card"], [data-cy="ad_description"], [data-testid="ad_description"]',
      items: [
        { post: '[data-cy="l-card"]', text: '[data-cy="ad-card-title"], h4, h6', insert: 'append' },
        { post: '[data-cy="ad_description"], [data-testid="ad_description"]', text: ':scope', insert: 'before' },
      ],
      generic: true,
      verified: '',
    },
    {
      id: 'kupujemprodajem',
      hosts: ['kupujemprodajem.com', 'kp.rs'],
      detect: '[class*="AdItem_adOuterHolder"], [class*="AdViewDescription_descriptionHolder"]',
      items: [
        { post: '[class*="AdItem_adOuterHolder"], article[class*="AdItem"]', text: '[class*="AdItem_name"], [class*="AdItem_adInfoHolder"] p, [class*="AdItem_description"]', insert: 'append' },
        { post: '[class*="AdViewDescription_descriptionHolder"], [class*="AdViewDescription"]', text: ':scope', insert: 'before' },
      ],
      generic: true,
      verified: '',
    },
    {
      id: 'infostud',
      hosts: ['poslovi.infostud.com', 'infostud.com'],
      detect: '[id^="oglas_"], .job__content',
      items: [
        { post: '[id^="oglas_"], .job', text: 'h2, .job__title, .job__description, p', insert: 'append' },
        { post: '.job__content, #__next main [class*="JobDescription"]', text: ':scope', insert: 'before' },
      ],
      generic: true,
      verified: '',
    },
    {
      id: 'njuskalo',
      hosts: ['njuskalo.hr'],
      detect: '.EntityList-item, .ClassifiedDetailDescription-text',
      items: [
        { post: 'li.EntityList-item, .EntityList-item--Regular', text: '.entity-title, .entity-description-main, .entity-description', insert: 'append' },
        { post: '.ClassifiedDetailDescription-text, .ClassifiedDetailDescription', text: ':scope', insert: 'before' },
      ],
      generic: true,
      verified: '',
    },
    {
      id: 'merrjep',
      hosts: ['merrjep.com', 'merrjep.al', 'merrjep.mk'],
      detect: '.announcement-item, .announcement-description',
      items: [
        { post: '.announcement-item, .ad-item', text: '.announcement-title, .announcement-description, h2, p', insert: 'append' },
        { post: '.announcement-description, .description-area', text: ':scope', insert: 'before' },
      ],
      generic: true,
      verified: '',
    },
  ];

  function hostMatches(host, list) {
    host = String(host || '').toLowerCase().replace(/^www\./, '');
    return (list || []).some((h) => host === h || host.endsWith(`.${h}`));
  }

  // Profiles for this page: by host first (honouring `paths`), then by `detect`.
  function forPage(loc, doc) {
    const byHost = PROFILES.filter((p) => hostMatches(loc.hostname, p.hosts)
      && (!p.paths || new RegExp(p.paths).test(loc.pathname + (loc.hash ? loc.hash.replace(/^#/, '/') : ''))));
    if (byHost.length) return byHost;
    const found = [];
    for (const p of PROFILES) {
      if (p.detect) {
        try { if (doc.querySelector(p.detect)) found.push(p); } catch (_) { /* bad selector */ }
      }
    }
    return found;
  }

  globalThis.RedflagProfiles = { PROFILES, GENERIC, forPage, hostMatches };
})();
