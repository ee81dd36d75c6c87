/*
 * "Reports to management" (templates/reports.html): generates the PDF of a chosen report and
 * period on demand through GET /api/reports/{kind}/{period}.pdf and downloads it; a wrong or
 * unfinished period is shown at the field, in the user's language (the server's answer).
 */
(function () {
  'use strict';

  const PATTERNS = { 'monthly': /^\d{4}-(0[1-9]|1[0-2])$/, 'half-yearly': /^\d{4}-H[12]$/ };

  function fail(form, message) {
    qmsApi.showErrors(form, { problem: { errors: [{ field: 'period', message }] } });
  }

  function generate(event) {
    event.preventDefault();
    const form = event.target;
    const kind = document.getElementById('kind').value;
    const period = document.getElementById('period').value.trim();
    qmsApi.clearErrors(form);
    if (!PATTERNS[kind].test(period)) {
      fail(form, qms.t(kind === 'monthly' ? 'month' : 'half'));
      return;
    }
    const url = '/api/reports/' + encodeURIComponent(kind) + '/' + encodeURIComponent(period) + '.pdf';
    fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/pdf, application/problem+json' } })
      .then(response => {
        if (response.ok) {
          return response.blob().then(blob => {
            const link = document.createElement('a');
            link.href = URL.createObjectURL(blob);
            link.download = (kind === 'monthly' ? 'quality-report-' : 'satisfaction-report-') + period + '.pdf';
            document.body.appendChild(link);
            link.click();
            link.remove();
          });
        }
        return response.json().then(problem => {
          const errors = (problem && problem.errors) || [];
          fail(form, errors.length ? errors[0].message : (problem.detail || problem.title || qms.t('format')));
        }, () => fail(form, response.status + ' ' + response.statusText));
      });
  }

  document.addEventListener('DOMContentLoaded', () => {
    const form = document.getElementById('on-demand');
    if (!form) {
      return;
    }
    const kind = document.getElementById('kind');
    kind.addEventListener('change', () => {
      document.getElementById('period').value = kind.selectedOptions[0].dataset.example;
      qmsApi.clearErrors(form);
    });
    form.addEventListener('submit', generate);
  });
}());
