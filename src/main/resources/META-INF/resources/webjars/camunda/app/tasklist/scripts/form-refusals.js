/*
 * complaint-handling: Tasklist script (loaded through customScripts in config.js) that shows a
 * refused form submission where the user looks, in the interface's language.
 *
 * - The server refuses a task or start form submission with the refused fields (see
 *   web/FormRefusalResponseFilter: "fieldErrors" with the form component id, in the browser's
 *   language). Each message is shown under its field, the first refused field is scrolled into view
 *   and focused, and a short summary stands above the form's buttons. A refusal that is no field of
 *   the form but about the step's evidence files (field "evidenceFiles") is shown at the form's
 *   link to the evidence page, where the user attaches the file; any other refusal without a place
 *   is listed in the summary.
 * - Tasklist's own notice ("An error happened while submitting the task form", "The process could
 *   not be started.") covers the Complete button until closed; once the fields show what is wrong,
 *   it is closed. This also holds for the form's own checks in the browser (e.g. a required radio
 *   choice), which Tasklist reports with that notice only.
 * - The form's own messages in the browser are translated to Chinese for the Chinese interface,
 *   and a pattern is never shown as a regular expression.
 * A field's message and marking go when the field is changed, and the summary goes once nothing
 * marked is left (it counts what is left until then); a message at the evidence link stays until
 * the next submission. Nothing here decides anything: the server's checks stand whatever this
 * script does.
 */
const chinese = String((navigator.languages && navigator.languages[0]) || navigator.language || 'en')
  .toLowerCase().startsWith('zh');

const TEXT = chinese ? {
  summaryOne: '有 1 处需要更正，见表单中的标记。',
  summaryMany: (n) => `有 ${n} 处需要更正，见表单中的标记。`,
  summaryUnplaced: '请更正：',
  summaryAlso: '另外：',
  required: '必填项。',
  minLength: (n) => `至少 ${n} 个字符。`,
  maxLength: (n) => `最多 ${n} 个字符。`,
  min: (n) => `不得小于 ${n}。`,
  max: (n) => `不得大于 ${n}。`,
  pattern: '格式不正确，请参照字段下方的说明。',
  email: '请输入有效的电子邮件地址。',
  phone: '请输入有效的国际电话号码（例如 +8621 12345678）。',
  notices: ['提交任务表单时出错', '无法启动流程', 'An error happened while submitting the task form',
    'The process could not be started', '请更正：', 'Please correct:']
} : {
  summaryOne: '1 entry needs to be corrected: see the mark in the form.',
  summaryMany: (n) => `${n} entries need to be corrected: see the marks in the form.`,
  summaryUnplaced: 'Please correct:',
  summaryAlso: 'Also:',
  required: null,
  minLength: null,
  maxLength: null,
  min: null,
  max: null,
  pattern: 'Wrong format: see the hint below the field.',
  email: null,
  phone: null,
  notices: ['An error happened while submitting the task form', 'The process could not be started',
    'Please correct:']
};

/** The form's own messages (form-js), translated; null keeps the message. */
function translated(message) {
  const rules = [
    [/^Field is required\.?$/, () => TEXT.required],
    [/^Field must have minimum length of (\d+)\.?$/, (m) => TEXT.minLength && TEXT.minLength(m[1])],
    [/^Field must have maximum length of (\d+)\.?$/, (m) => TEXT.maxLength && TEXT.maxLength(m[1])],
    [/^Field must have minimum value of (.+?)\.?$/, (m) => TEXT.min && TEXT.min(m[1])],
    [/^Field must have maximum value of (.+?)\.?$/, (m) => TEXT.max && TEXT.max(m[1])],
    [/^Field must match pattern /, () => TEXT.pattern],
    [/^Field must be a valid email\.?$/, () => TEXT.email],
    [/^Field must be a valid\s+international phone number/, () => TEXT.phone]
  ];
  for (const [rule, text] of rules) {
    const match = message.match(rule);
    if (match) {
      return text(match);
    }
  }
  return null;
}

const SUBMISSION = /\/(task|process-definition)\/.+\/submit-form$/;

/** The form being worked on: the start dialog's when it is open, else the task's. */
function currentForm() {
  const forms = [...document.querySelectorAll('.fjs-form')].filter((f) => f.offsetParent !== null);
  return forms.find((f) => f.closest('.modal')) || forms[0] || null;
}

function fieldOf(form, componentId) {
  if (!componentId) {
    return null;
  }
  const id = CSS.escape(componentId);
  const element = form.querySelector(`[id$="-${id}"], [id*="-${id}-"]`);
  return element ? element.closest('.fjs-form-field') : null;
}

/** Where the user attaches the step's evidence files: the form's link to the evidence page. */
const EVIDENCE_FIELD = 'evidenceFiles';

function placeOf(form, error) {
  const field = fieldOf(form, error.componentId);
  if (field || error.field !== EVIDENCE_FIELD) {
    return field;
  }
  const link = form.querySelector('a[href*="/evidence/"]');
  return link ? link.closest('.fjs-form-field') : null;
}

function clearServerMessages(form) {
  form.querySelectorAll('.qms-server-error').forEach((e) => e.remove());
  form.querySelectorAll('.qms-refused').forEach((f) => f.classList.remove('qms-refused', 'qms-refused-place', 'fjs-has-errors'));
  document.querySelectorAll('.qms-refusal-summary').forEach((e) => e.remove());
}

/** The form's places that show a refusal: fields with an error of form-js or of the server. */
function markedPlaces(form) {
  return new Set([...form.querySelectorAll('.fjs-form-field-error')]
    .filter((e) => e.textContent.trim())
    .map((e) => e.closest('.fjs-form-field'))
    .filter(Boolean));
}

function headline(count, unplaced) {
  if (count === 0) {
    return TEXT.summaryUnplaced;
  }
  const marks = count === 1 ? TEXT.summaryOne : TEXT.summaryMany(count);
  return unplaced ? `${marks} ${TEXT.summaryAlso}` : marks;
}

function summary(form, count, extra) {
  document.querySelectorAll('.qms-refusal-summary').forEach((e) => e.remove());
  const box = document.createElement('div');
  box.className = 'qms-refusal-summary alert alert-danger';
  box.setAttribute('role', 'alert');
  box.dataset.count = String(count);
  box.dataset.unplaced = String(extra.length);
  const text = document.createElement('span');
  text.className = 'qms-refusal-headline';
  text.textContent = headline(count, extra.length);
  box.appendChild(text);
  if (extra.length) {
    const list = document.createElement('ul');
    extra.forEach((message) => {
      const item = document.createElement('li');
      item.textContent = message;
      list.appendChild(item);
    });
    box.appendChild(list);
  }
  // above the buttons: the dialog's footer, or right after the task form
  const footer = form.closest('.modal') && form.closest('.modal').querySelector('.modal-footer');
  if (footer) {
    footer.insertBefore(box, footer.firstChild);
  } else {
    form.parentElement.insertBefore(box, form.nextSibling);
  }
}

/** The summary counts what is still marked and goes once nothing is left to correct. */
function refreshSummary() {
  const box = document.querySelector('.qms-refusal-summary');
  if (!box) {
    return;
  }
  const form = currentForm();
  const count = form ? markedPlaces(form).size : 0;
  const unplaced = Number(box.dataset.unplaced || 0);
  if (!form || (count === 0 && unplaced === 0)) {
    box.remove();
    return;
  }
  if (String(count) !== box.dataset.count) {
    box.dataset.count = String(count);
    box.querySelector('.qms-refusal-headline').textContent = headline(count, unplaced);
  }
}

function focus(field) {
  field.scrollIntoView({ block: 'center' });
  const input = field.querySelector('input:not([type=hidden]), textarea, select, button, a[href]');
  if (input) {
    input.focus({ preventScroll: true });
    // a date field opens its calendar on focus, which would cover the message under it
    if (input._flatpickr) {
      input._flatpickr.close();
    }
  }
}

function showRefusal(body) {
  const form = currentForm();
  if (!form) {
    return;
  }
  clearServerMessages(form);
  const unplaced = [];
  let first = null;
  body.fieldErrors.forEach((error) => {
    const field = placeOf(form, error);
    if (!field) {
      unplaced.push(error.message);
      return;
    }
    field.classList.add('qms-refused', 'fjs-has-errors');
    if (!fieldOf(form, error.componentId)) {
      field.classList.add('qms-refused-place');
    }
    const box = document.createElement('div');
    box.className = 'fjs-form-field-error qms-server-error';
    box.setAttribute('aria-live', 'polite');
    const list = document.createElement('ul');
    const item = document.createElement('li');
    item.textContent = error.message;
    list.appendChild(item);
    box.appendChild(list);
    field.appendChild(box);
    first = first || field;
  });
  summary(form, markedPlaces(form).size, unplaced);
  closeNotices();
  if (first) {
    focus(first);
  }
}

function isSubmissionNotice(alert) {
  const text = alert.textContent || '';
  return TEXT.notices.some((notice) => text.includes(notice));
}

function closeNotices() {
  document.querySelectorAll('.alert').forEach((alert) => {
    if (alert.classList.contains('qms-refusal-summary') || !isSubmissionNotice(alert)) {
      return;
    }
    const close = [...alert.querySelectorAll('button.close, .close')].find((e) => e.offsetParent !== null);
    if (close) {
      close.click();
    } else {
      alert.remove();
    }
  });
}

// --- the server's answers ----------------------------------------------------------------------

function inspect(status, text) {
  if (status !== 400) {
    return;
  }
  try {
    const body = JSON.parse(text);
    if (body && Array.isArray(body.fieldErrors) && body.fieldErrors.length) {
      // after Tasklist has drawn its notice
      setTimeout(() => showRefusal(body), 0);
    }
  } catch (e) {
    // not our answer
  }
}

const open = XMLHttpRequest.prototype.open;
XMLHttpRequest.prototype.open = function (method, url, ...rest) {
  this.qmsSubmission = String(method).toUpperCase() === 'POST' && SUBMISSION.test(String(url).split('?')[0]);
  return open.call(this, method, url, ...rest);
};
const send = XMLHttpRequest.prototype.send;
XMLHttpRequest.prototype.send = function (...args) {
  if (this.qmsSubmission) {
    this.addEventListener('load', () => inspect(this.status, this.responseText));
  }
  return send.apply(this, args);
};
const originalFetch = window.fetch;
window.fetch = async (...args) => {
  const response = await originalFetch(...args);
  const request = args[0];
  const url = typeof request === 'string' ? request : (request && request.url) || '';
  const method = ((args[1] && args[1].method) || (request && request.method) || 'GET').toUpperCase();
  if (method === 'POST' && SUBMISSION.test(url.split('?')[0]) && response.status === 400) {
    response.clone().text().then((text) => inspect(response.status, text));
  }
  return response;
};

// --- what the page shows -----------------------------------------------------------------------

function translateFormMessages(root) {
  // each text node is changed in place: replacing the item's text would leave form-js (Preact) with
  // a detached node, and its next drawing would add the English message next to the Chinese one
  root.querySelectorAll('.fjs-form-field-error li').forEach((item) => {
    item.childNodes.forEach((node) => {
      if (node.nodeType !== Node.TEXT_NODE) {
        return;
      }
      const text = translated(node.data.trim());
      if (text && text !== node.data) {
        node.data = text;
      }
    });
  });
}

new MutationObserver(() => {
  translateFormMessages(document);
  // form-js's own message of a field goes when the field is corrected: so may the summary
  refreshSummary();
  // Tasklist's notice of a submission the form itself refused: the fields already say what is wrong
  const form = currentForm();
  const marked = form ? form.querySelectorAll('.fjs-form-field-error').length : 0;
  const notice = [...document.querySelectorAll('.alert')]
    .find((a) => !a.classList.contains('qms-refusal-summary') && !a.dataset.qmsSeen && isSubmissionNotice(a));
  if (notice && marked > 0) {
    notice.dataset.qmsSeen = 'true';
    if (!form.querySelector('.qms-server-error')) {
      const fields = [...form.querySelectorAll('.fjs-form-field')]
        .filter((f) => f.querySelector('.fjs-form-field-error'));
      summary(form, fields.length, []);
      focus(fields[0]);
    }
    closeNotices();
  }
}).observe(document.documentElement, { childList: true, subtree: true, characterData: true });

// a changed field loses the server's message about it (not the evidence link's: the file is
// attached on another page); a choice of form-js's select list changes its field without an input
function corrected(event) {
  const field = event.target.closest && event.target.closest('.qms-refused:not(.qms-refused-place)');
  if (field) {
    field.querySelectorAll('.qms-server-error').forEach((e) => e.remove());
    field.classList.remove('qms-refused', 'fjs-has-errors');
  }
  refreshSummary();
}
document.addEventListener('input', corrected, true);
document.addEventListener('change', corrected, true);
document.addEventListener('mousedown', (event) => {
  if (event.target.closest && event.target.closest('.fjs-dropdownlist-item')) {
    corrected(event);
  }
}, true);

export default [];
