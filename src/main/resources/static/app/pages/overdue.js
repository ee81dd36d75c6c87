/*
 * "Overdue work" (templates/overdue.html): narrows the server-rendered list to one process and to
 * escalated tasks, and says how many tasks are shown.
 */
(function () {
  'use strict';

  function apply() {
    const kind = document.getElementById('kind').value;
    const onlyEscalated = document.getElementById('only-escalated').checked;
    const rows = Array.from(document.querySelectorAll('#overdue-table tr.item'));
    let shown = 0;
    rows.forEach(row => {
      const visible = (!kind || row.dataset.kind === kind) && (!onlyEscalated || Number(row.dataset.level) > 0);
      row.hidden = !visible;
      if (visible) {
        shown++;
      }
    });
    document.getElementById('shown').textContent =
      shown === rows.length ? qms.t('all', rows.length) : qms.t('shown', shown, rows.length);
  }

  document.addEventListener('DOMContentLoaded', () => {
    const filters = document.getElementById('filters');
    if (!filters) {
      return;
    }
    filters.addEventListener('change', apply);
    filters.addEventListener('submit', event => event.preventDefault());
    apply();
  });
}());
