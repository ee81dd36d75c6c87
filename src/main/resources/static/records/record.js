/*
 * The record page (templates/records/page.html): "only late or escalated steps" narrows the
 * timeline to the steps that missed their due date or were escalated, and says how many are shown.
 */
(function () {
  'use strict';

  function apply() {
    const only = document.getElementById('only-flagged');
    const rows = Array.from(document.querySelectorAll('#timeline tr.step'));
    let shown = 0;
    rows.forEach(row => {
      const visible = !only.checked || row.classList.contains('flagged');
      row.hidden = !visible;
      if (visible) {
        shown++;
      }
    });
    document.getElementById('shown').textContent =
      only.checked ? qms.t('shown', shown, rows.length) : qms.t('all', rows.length);
  }

  document.addEventListener('DOMContentLoaded', () => {
    const only = document.getElementById('only-flagged');
    if (!only) {
      return;
    }
    only.addEventListener('change', apply);
    apply();
  });
}());
