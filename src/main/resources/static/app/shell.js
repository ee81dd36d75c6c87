/*
 * The shell's helpers for the pages' scripts (loaded by templates/layout.html before them):
 *   qms.t(key, ...args)  a text of the page in the user's language, from the page's JSON block
 *                        <script type="application/json" id="page-texts"> (web/PageTexts); {0}, {1}
 *                        are filled with the arguments; an unknown key shows as ??key??
 *   qms.dateTime(value)  an instant (ISO text, number or Date) as yyyy-MM-dd HH:mm in the plant's
 *                        time zone (data-zone of <body>, from qms.calendar.zone), not the browser's
 *   qms.language         'zh' or 'en', as the server chose it from Accept-Language
 */
(function () {
  'use strict';
  let texts = null;
  let formatter = null;

  function zone() {
    return document.body.dataset.zone;
  }

  function t(key, ...args) {
    if (texts === null) {
      const block = document.getElementById('page-texts');
      texts = block ? JSON.parse(block.textContent) : {};
    }
    const pattern = texts[key];
    if (pattern === undefined) {
      return '??' + key + '??';
    }
    return pattern.replace(/\{(\d+)\}/g, (all, i) => (args[i] === undefined ? all : String(args[i])));
  }

  function dateTime(value) {
    if (value === null || value === undefined || value === '') {
      return '';
    }
    if (formatter === null) {
      formatter = new Intl.DateTimeFormat('en-GB', { timeZone: zone(), year: 'numeric', month: '2-digit',
        day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    }
    const parts = Object.fromEntries(formatter.formatToParts(new Date(value)).map(p => [p.type, p.value]));
    return parts.year + '-' + parts.month + '-' + parts.day + ' ' + parts.hour + ':' + parts.minute;
  }

  window.qms = {
    t,
    dateTime,
    get zone() { return zone(); },
    get language() { return document.documentElement.lang; }
  };
}());
