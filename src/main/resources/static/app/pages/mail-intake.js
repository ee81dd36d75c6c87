/*
 * "Complaints by mail" (templates/mail-intake.html): narrows the server-rendered list of drafts to
 * those whose sender, customer or subject contains the search text, or to senders the customer
 * archive does not know, and says how many drafts are shown.
 */
(function () {
  'use strict';

  function apply() {
    const q = document.getElementById('search').value.trim().toLowerCase();
    const onlyUnknown = document.getElementById('only-unknown').checked;
    const rows = Array.from(document.querySelectorAll('#drafts tr.draft'));
    let shown = 0;
    rows.forEach(row => {
      const visible = (!q || row.textContent.toLowerCase().includes(q)) && (!onlyUnknown || row.dataset.customer === '');
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
    filters.addEventListener('input', apply);
    filters.addEventListener('change', apply);
    filters.addEventListener('submit', event => event.preventDefault());
    apply();
  });
}());
