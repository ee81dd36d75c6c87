/*
 * complaint-handling: Tasklist script (loaded through customScripts in config.js) that makes the
 * date fields of Camunda Forms speak Chinese in the Chinese interface (issue 18).
 *
 * Why: form-js 1.x (Camunda Forms in Tasklist 7.24) builds a flatpickr for each date field with
 * only { allowInput, dateFormat, static, clickOpens, minDate, errorHandler }: no locale, so the
 * calendar always names months and weekdays in English, and a dateFormat derived from the
 * browser's Intl format of 5 June 2020 ("2020/6/5" in Chinese: "Y/n/j", placeholder "yyyy/mm/dd").
 * A Chinese user expects Chinese names and writes dates as 2026-12-24, the format of every other
 * page and message of the product.
 *
 * What (only when the browser's first language is Chinese, as Tasklist decides its language):
 * each date field's flatpickr (flatpickr keeps it on its input as `_flatpickr`) gets flatpickr's
 * Chinese names (its own "zh" locale, copied here: form-js does not expose flatpickr), shows and
 * reads dates as yyyy-MM-dd, and also accepts the picker's former format and 2026年12月24日 when
 * typed. What the form submits does not change: form-js takes the picked date from flatpickr and
 * sends it as ISO yyyy-MM-dd in every language. The English interface is left as form-js builds it.
 */
const chinese = String((navigator.languages && navigator.languages[0]) || navigator.language || 'en')
  .toLowerCase().startsWith('zh');

/** flatpickr's l10n/zh.js (MIT), the texts the calendar shows. */
const ZH = {
  weekdays: {
    shorthand: ['周日', '周一', '周二', '周三', '周四', '周五', '周六'],
    longhand: ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'],
  },
  months: {
    shorthand: ['一月', '二月', '三月', '四月', '五月', '六月', '七月', '八月', '九月', '十月', '十一月', '十二月'],
    longhand: ['一月', '二月', '三月', '四月', '五月', '六月', '七月', '八月', '九月', '十月', '十一月', '十二月'],
  },
  rangeSeparator: ' 至 ',
  weekAbbreviation: '周',
  scrollTitle: '滚动切换',
  toggleTitle: '点击切换 12/24 小时时制',
  yearAriaLabel: '年',
  monthAriaLabel: '月',
  hourAriaLabel: '时',
  minuteAriaLabel: '分',
};

const FORMAT = 'Y-m-d';
const PLACEHOLDER = 'yyyy-mm-dd';

/** 2026-12-24, 2026/12/24, 2026.12.24, 2026年12月24日 (month and day with one or two digits). */
const TYPED = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/;

/**
 * A typed date: the Date of a written calendar date, null for a written date that does not exist
 * (2026-02-30), undefined for text of another shape.
 */
function typedDate(text) {
  const m = String(text).trim().match(TYPED);
  if (!m) {
    return undefined;
  }
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(year, month - 1, day);
  return date.getFullYear() === year && date.getMonth() === month - 1 && date.getDate() === day ? date : null;
}

function localise(picker) {
  if (picker.qmsLocalised) {
    return;
  }
  picker.qmsLocalised = true;
  picker.config.parseDate = (text, format) => {
    const date = typedDate(text);
    if (date !== undefined) {
      return date || undefined;
    }
    // anything else ("today", form-js's minDate "01/01/1900"): flatpickr's own parser
    const own = picker.config.parseDate;
    delete picker.config.parseDate;
    try {
      return picker.parseDate(text, format);
    } finally {
      picker.config.parseDate = own;
    }
  };
  picker.set({ locale: ZH, dateFormat: FORMAT });
  picker.input.setAttribute('placeholder', PLACEHOLDER);
}

function localiseAll() {
  document.querySelectorAll('.fjs-form input.flatpickr-input').forEach((input) => {
    if (input._flatpickr) {
      localise(input._flatpickr);
    }
  });
}

if (chinese) {
  // form-js creates the picker in an effect after drawing the field: look after each change
  new MutationObserver(localiseAll).observe(document.documentElement, { childList: true, subtree: true });
  localiseAll();
}

export default [];
