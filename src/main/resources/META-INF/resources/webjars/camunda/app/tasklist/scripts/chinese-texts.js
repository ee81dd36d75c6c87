/*
 * complaint-handling: Tasklist script (loaded through customScripts in config.js) that puts the
 * last English texts of the Chinese interface into Chinese (issue 18.8). The locale file zh.json
 * translates Tasklist's labels, but three kinds of text do not come from it:
 * - form-js's own texts (Camunda Forms has no i18n in 7.24): the empty select's "Select", the
 *   search box's "Search", and the units of the forms' number fields ("pcs", "CNY");
 * - moment's relative times ("in 4 hours", "3 days ago" after "到期"/"创建于"): Tasklist keeps
 *   moment in English whatever its language;
 * - the footer's time zone, an identifier like "Asia/Shanghai": its Chinese name is added.
 * Only for a browser whose first language is Chinese (as Tasklist decides its language).
 */
const chinese = String((navigator.languages && navigator.languages[0]) || navigator.language || 'en')
  .toLowerCase().startsWith('zh');

const FORM_TEXTS = { Select: '请选择', Search: '搜索' };
const UNITS = { pcs: '件', CNY: '元' };

const UNIT_WORDS = [
  [/^a few seconds$/, () => '几秒'],
  [/^(\d+) seconds$/, (m) => `${m[1]} 秒`],
  [/^a minute$/, () => '1 分钟'],
  [/^(\d+) minutes$/, (m) => `${m[1]} 分钟`],
  [/^an hour$/, () => '1 小时'],
  [/^(\d+) hours$/, (m) => `${m[1]} 小时`],
  [/^a day$/, () => '1 天'],
  [/^(\d+) days$/, (m) => `${m[1]} 天`],
  [/^a week$/, () => '1 周'],
  [/^(\d+) weeks$/, (m) => `${m[1]} 周`],
  [/^a month$/, () => '1 个月'],
  [/^(\d+) months$/, (m) => `${m[1]} 个月`],
  [/^a year$/, () => '1 年'],
  [/^(\d+) years$/, (m) => `${m[1]} 年`],
];
const SPAN = '(a few seconds|\\d+ seconds|a minute|\\d+ minutes|an hour|\\d+ hours|a day|\\d+ days|a week|\\d+ weeks|a month|\\d+ months|a year|\\d+ years)';
const FUTURE = new RegExp(`\\bin ${SPAN}\\b`, 'g');
const PAST = new RegExp(`\\b${SPAN} ago\\b`, 'g');

function span(english) {
  for (const [rule, text] of UNIT_WORDS) {
    const m = english.match(rule);
    if (m) {
      return text(m);
    }
  }
  return english;
}

/** moment's English relative time in a text, in Chinese: "in 4 hours" → "4 小时后". */
function relativeTimes(text) {
  return text.replace(FUTURE, (all, s) => `${span(s)}后`).replace(PAST, (all, s) => `${span(s)}前`);
}

function zoneName(zone) {
  try {
    const part = new Intl.DateTimeFormat('zh-CN', { timeZone: zone, timeZoneName: 'long' })
      .formatToParts(new Date()).find((p) => p.type === 'timeZoneName');
    return part ? part.value : null;
  } catch (e) {
    return null;
  }
}

function translateTextNodes(root) {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.nodeValue;
    if (!text || !/[a-z]/i.test(text)) {
      continue;
    }
    const parent = node.parentElement;
    if (!parent || parent.closest('script, style, textarea, .fjs-form-field textarea, .fjs-text, .fjs-container .markdown')) {
      continue;
    }
    if (parent.closest('.fjs-form')) {
      const trimmed = text.trim();
      if (parent.matches('.fjs-select-display') && FORM_TEXTS[trimmed]) {
        node.nodeValue = FORM_TEXTS[trimmed];
      } else if (parent.closest('.fjs-input-adornment') && UNITS[trimmed]) {
        node.nodeValue = UNITS[trimmed];
      }
      continue;
    }
    let changed = relativeTimes(text);
    const zone = changed.trim().match(/^[A-Z][A-Za-z_]+\/[A-Za-z_]+$/);
    if (zone && parent.closest('footer, .footer, [cam-widget-footer], .cam-widget-footer')) {
      const name = zoneName(zone[0]);
      if (name) {
        changed = `${name}（${zone[0]}）`;
      }
    }
    if (changed !== text) {
      node.nodeValue = changed;
    }
  }
}

function translateInputs(root) {
  root.querySelectorAll('.fjs-form input[placeholder]').forEach((input) => {
    const text = FORM_TEXTS[input.getAttribute('placeholder')];
    if (text) {
      input.setAttribute('placeholder', text);
    }
  });
}

if (chinese) {
  let pending = false;
  const run = () => {
    pending = false;
    translateTextNodes(document.body);
    translateInputs(document.body);
  };
  new MutationObserver(() => {
    if (!pending) {
      pending = true;
      // once per frame, after Angular and form-js have drawn
      requestAnimationFrame(run);
    }
  }).observe(document.documentElement, { childList: true, subtree: true, characterData: true });
}
