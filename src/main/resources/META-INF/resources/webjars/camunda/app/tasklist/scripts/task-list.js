/*
 * complaint-handling: Tasklist script (loaded through customScripts in config.js) that makes the task
 * lists show what matters, in the interface's language:
 *
 * - the priority as words instead of a bare number ("A customer" for 80, "Escalated" for 90 …;
 *   the number stays in the tooltip), see docs/process-owners.md "Customer tier";
 * - next to Tasklist's relative due date ("Due in 4 hours") the absolute one in the plant's time
 *   zone (qms.calendar.zone, from GET /api/tasklist/context), whatever the browser's zone;
 * - the columns of the filter (number, customer, tier, severity) on the card itself, not behind its
 *   expander;
 * - after "Start process", the new complaint's (8D report's, change's) number in a notice that stays
 *   until closed (Tasklist's own "Process started" vanishes after 3 seconds and names no number).
 *
 * Tasklist (AngularJS) re-renders the list whenever it refreshes, so a MutationObserver applies the
 * changes again to whatever is new; nothing Angular renders is replaced, only added to.
 */
const chinese = String((navigator.languages && navigator.languages[0]) || navigator.language || 'en')
  .toLowerCase().startsWith('zh');

const TEXT = chinese ? {
  priority: [[100, '二级升级'], [90, '已升级'], [80, '高 · A类客户'], [60, '中 · B类客户'], [40, '普通 · C类客户'], [0, '低']],
  priorityTitle: (n) => `优先级 ${n}`,
  dueAt: (text) => `（${text}）`,
  dueTitle: (zone) => `截止时间（工厂时间，${zone}）`,
  started: { 'complaint-handling': '投诉单号', 'corrective-action': '8D报告编号', 'contract-change': '变更单号' },
  startedOther: '编号',
  startedHint: '流程已启动。请在与客户的往来中使用此编号。',
  close: '关闭'
} : {
  priority: [[100, 'Escalated twice'], [90, 'Escalated'], [80, 'High · A customer'], [60, 'Medium · B customer'],
    [40, 'Normal · C customer'], [0, 'Low']],
  priorityTitle: (n) => `Priority ${n}`,
  dueAt: (text) => `(${text})`,
  dueTitle: (zone) => `Due date in plant time (${zone})`,
  started: { 'complaint-handling': 'Complaint number', 'corrective-action': '8D report number',
    'contract-change': 'Change number' },
  startedOther: 'Number',
  startedHint: 'The process has started. Use this number with the customer.',
  close: 'Close'
};

const style = document.createElement('style');
style.textContent = `
.tasks-list li.task .priority.qms-priority-words { font-size: 0; width: auto; min-width: 0; white-space: nowrap; }
.tasks-list li.task .priority .qms-priority { font-size: 12px; font-weight: 600; }
.tasks-list li.task .priority .qms-priority.qms-escalated { color: #cc0000; }
.tasks-list li.task .qms-due-absolute { margin-left: 4px; white-space: nowrap; }
.tasks-list li.task .task-card-details { max-height: none; height: auto; overflow: visible; }
.tasks-list li.task .task-card-details .shutter { display: none; }
.qms-started { position: fixed; top: 70px; left: 50%; transform: translateX(-50%); z-index: 2000; min-width: 360px;
  box-shadow: 0 2px 8px rgba(0, 0, 0, .25); }
.qms-started-number { display: block; font-size: 16px; margin-bottom: 4px; }
`;
document.head.appendChild(style);

let zone = 'Asia/Shanghai';
let zoneKnown = null;
/** The plant's zone, asked once a due date is to be shown (so only when signed in). */
function plantZone() {
  if (!zoneKnown) {
    zoneKnown = fetch('/api/tasklist/context', { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then((answer) => (answer.ok ? answer.json() : null))
      .then((context) => { if (context && context.zone) { zone = context.zone; } })
      .catch(() => {});
  }
  return zoneKnown;
}

/** yyyy-MM-dd HH:mm in the plant's zone, as the application's pages show dates. */
function plantTime(iso) {
  const parts = {};
  new Intl.DateTimeFormat('en-CA', {
    timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
    hourCycle: 'h23'
  }).formatToParts(new Date(iso)).forEach((p) => { parts[p.type] = p.value; });
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

function priorityWords(n) {
  return TEXT.priority.find(([least]) => n >= least)[1];
}

function showPriority(item) {
  const cell = item.querySelector('.priority');
  if (!cell) {
    return;
  }
  // Angular's own text (the number) stays in the cell, hidden, so its binding keeps working
  const number = parseInt([...cell.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE)
    .map((n) => n.textContent).join('').trim(), 10);
  if (Number.isNaN(number)) {
    return;
  }
  let words = cell.querySelector('.qms-priority');
  if (words && words.dataset.priority === String(number)) {
    return;
  }
  if (!words) {
    words = document.createElement('span');
    words.className = 'qms-priority';
    cell.appendChild(words);
    cell.classList.add('qms-priority-words');
  }
  words.dataset.priority = String(number);
  words.textContent = priorityWords(number);
  words.classList.toggle('qms-escalated', number >= 90);
  words.title = TEXT.priorityTitle(number);
}

const dueDates = new Map(); // task id -> promise of its due date (ISO) or null

function dueOf(taskId) {
  if (!dueDates.has(taskId)) {
    dueDates.set(taskId, fetch(`/camunda/api/engine/engine/default/task/${encodeURIComponent(taskId)}`,
      { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then((answer) => (answer.ok ? answer.json() : null))
      .then((task) => (task ? task.due : null))
      .catch(() => null));
  }
  return dueDates.get(taskId);
}

function taskIdOf(item) {
  const link = item.querySelector('a[href*="task="]');
  const match = link && link.getAttribute('href').match(/task=([^&]+)/);
  return match ? decodeURIComponent(match[1]) : null;
}

function showDue(item) {
  const due = item.querySelector('.due-date');
  const taskId = taskIdOf(item);
  if (!due || !taskId || due.dataset.qmsTask === taskId) {
    return;
  }
  due.dataset.qmsTask = taskId;
  Promise.all([dueOf(taskId), plantZone()]).then(([iso]) => {
    if (!iso || !due.isConnected || due.querySelector('.qms-due-absolute')) {
      return;
    }
    const absolute = document.createElement('span');
    absolute.className = 'qms-due-absolute';
    absolute.textContent = TEXT.dueAt(plantTime(iso));
    absolute.title = TEXT.dueTitle(zone);
    due.appendChild(absolute);
  });
}

let scheduled = false;
function refresh() {
  scheduled = false;
  document.querySelectorAll('.tasks-list li.task').forEach((item) => {
    showPriority(item);
    showDue(item);
  });
}

new MutationObserver(() => {
  if (!scheduled) {
    scheduled = true;
    requestAnimationFrame(refresh);
  }
}).observe(document.documentElement, { childList: true, subtree: true, characterData: true });

// The start confirmation: the answer to the start form's submission carries the new process
// instance, whose business key is the number the registration just gave it.
const START = /\/process-definition\/([^/]+)\/submit-form$/;
const open = XMLHttpRequest.prototype.open;
XMLHttpRequest.prototype.open = function (method, url, ...rest) {
  this.qmsStartUrl = method && method.toUpperCase() === 'POST' && START.test(String(url).split('?')[0])
    ? String(url) : null;
  return open.call(this, method, url, ...rest);
};
const send = XMLHttpRequest.prototype.send;
XMLHttpRequest.prototype.send = function (...args) {
  if (this.qmsStartUrl) {
    this.addEventListener('load', () => {
      if (this.status >= 200 && this.status < 300) {
        try {
          const instance = JSON.parse(this.responseText);
          if (instance && instance.businessKey) {
            announce(instance.definitionId, instance.businessKey);
          }
        } catch (e) {
          // not JSON: nothing to add
        }
      }
    });
  }
  return send.apply(this, args);
};

/**
 * Tasklist's own "Process started" notice disappears after 3 seconds and names no number; the
 * number is shown in a notice of its own that stays until the user closes it (or starts another).
 */
function announce(definitionId, number) {
  const key = String(definitionId || '').split(':')[0];
  const label = TEXT.started[key] || TEXT.startedOther;
  document.querySelectorAll('.qms-started').forEach((old) => old.remove());
  const notice = document.createElement('div');
  notice.className = 'alert alert-success qms-started';
  notice.setAttribute('role', 'status');
  const close = document.createElement('button');
  close.type = 'button';
  close.className = 'close';
  close.setAttribute('aria-label', TEXT.close);
  close.textContent = '×';
  close.addEventListener('click', () => notice.remove());
  const line = document.createElement('strong');
  line.className = 'qms-started-number';
  line.textContent = `${label}: ${number}`;
  const hint = document.createElement('div');
  hint.textContent = TEXT.startedHint;
  notice.append(close, line, hint);
  document.body.appendChild(notice);
}

export default [];
