/*
 * The change log of a kind of master data (GET /api/master-data/changes?type=…), for the owners'
 * pages: qmsChanges.render(tbody, emptyHint, changes, texts) fills a table with when, who, key, action
 * and the values before and after (only the properties that changed). texts: {CREATE, UPDATE, DELETE}.
 */
(function () {
  'use strict';

  function describe(value, other) {
    if (value === null || value === undefined) { return '–'; }
    if (typeof value !== 'object') { return String(value); }
    return Object.keys(value)
      .filter(k => !other || typeof other !== 'object' || JSON.stringify(other[k]) !== JSON.stringify(value[k]))
      .map(k => k + ': ' + (value[k] === null ? '–' : value[k]))
      .join(', ');
  }

  function render(tbody, empty, changes, texts) {
    tbody.textContent = '';
    changes.forEach(c => {
      const row = document.createElement('tr');
      row.className = 'change';
      [qms.dateTime(c.changedAt), c.changedBy, c.key, texts[c.action] || c.action,
        describe(c.oldValue, c.newValue), describe(c.newValue, c.oldValue)].forEach(v => {
        const td = document.createElement('td');
        td.textContent = v == null ? '' : v;
        row.appendChild(td);
      });
      tbody.appendChild(row);
    });
    empty.hidden = changes.length > 0;
  }

  window.qmsChanges = { render };
}());
