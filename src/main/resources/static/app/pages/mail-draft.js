/*
 * "Draft complaint from a mail" (templates/mail-draft.html, mailintake/MailIntakePages): the
 * registration form of "Register a complaint" (complaint-new.js, which submits to
 * POST /api/mail-intake/{id}/register) is prefilled from the mail: channel e-mail, the matched contact
 * and the mail's text as description; the clerk completes product, batch, defect and quantities.
 * "Discard" sends POST /api/mail-intake/{id}/discard with the reason; a refusal shows at its field.
 * Texts from <script type="application/json" id="mail-draft-texts">.
 */
(function () {
  'use strict';
  const $ = id => document.getElementById(id);
  const page = $('mail-draft');
  const form = $('complaint');
  const discard = $('discard');
  if (!page || !form || !discard) { return; }
  let texts = null;

  function t(key, ...args) {
    if (texts === null) {
      const block = $('mail-draft-texts');
      texts = block ? JSON.parse(block.textContent) : {};
    }
    const pattern = texts[key];
    return pattern === undefined ? '??' + key + '??'
      : pattern.replace(/\{(\d+)\}/g, (all, i) => (args[i] === undefined ? all : String(args[i])));
  }

  const prefill = $('prefill').dataset;
  form.elements.channel.value = 'email';
  if (prefill.contact) { form.elements.contactName.value = prefill.contact; }
  if (prefill.description) { form.elements.description.value = prefill.description; }

  // once registered (complaint-new.js shows the confirmation), there is nothing left to discard
  new MutationObserver(() => { if (!$('confirmation').hidden) { discard.hidden = true; } })
    .observe($('confirmation'), { attributes: true, attributeFilter: ['hidden'] });

  discard.addEventListener('submit', e => {
    e.preventDefault();
    qmsApi.clearErrors(discard);
    $('discard-submit').disabled = true;
    $('discard-outcome').textContent = '';
    qmsApi.send('POST', '/api/mail-intake/' + page.dataset.id + '/discard', { reason: discard.elements.reason.value })
      .then(() => {
        form.hidden = true;
        discard.hidden = true;
        const done = $('message');
        done.textContent = t('discarded');
        done.className = 'message ok';
        done.hidden = false;
      })
      .catch(error => {
        const rest = qmsApi.showErrors(discard, error);
        $('discard-outcome').textContent = rest.join(' ');
        $('discard-submit').disabled = false;
      });
  });
}());
