/*
 * The record page (templates/records/page.html): "only late or escalated steps" narrows the
 * timeline to the steps that missed their due date or were escalated, and says how many are shown.
 * "Send the reply to the customer" (form #send-reply, shown to whoever may send it) posts the reviewed
 * reply to /api/complaints/{number}/reply-mail; refusals appear under their fields, and once sent the
 * page shows the record of the sent mail.
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

  function sendReply(event) {
    event.preventDefault();
    const form = event.target;
    const button = form.querySelector('#reply-send');
    const outcome = form.querySelector('#reply-outcome');
    qmsApi.clearErrors(form);
    const body = {
      subject: form.elements.subject.value,
      text: form.elements.text.value,
      attachments: Array.from(form.querySelectorAll('input[name=attachments]:checked')).map(c => Number(c.value)),
      reviewed: form.elements.reviewed.checked
    };
    button.disabled = true;
    outcome.textContent = qms.t('sending');
    qmsApi.send('POST', form.dataset.url, body).then(answer => {
      outcome.textContent = qms.t('sent', answer.to);
      window.location.hash = '#sent-reply';
      window.location.reload();
    }, error => {
      button.disabled = false;
      outcome.textContent = qmsApi.showErrors(form, error).join(' ');
    });
  }

  document.addEventListener('DOMContentLoaded', () => {
    const send = document.getElementById('send-reply');
    if (send) {
      send.addEventListener('submit', sendReply);
    }
    const only = document.getElementById('only-flagged');
    if (!only) {
      return;
    }
    only.addEventListener('change', apply);
    apply();
  });
}());
