/*
 * complaint-handling: hides Camunda's banner "It is time to migrate to Camunda 8 …" (shown by every
 * Camunda 7.24 Community Edition webapp) from everyone who is not an administrator: clerks,
 * engineers and managers can do nothing about it. Administrators (users who may open the Admin
 * webapp) still see it, because it concerns them: see README, "For operators". Loaded by Tasklist and
 * Cockpit (customScripts in their config.js).
 */
const style = document.createElement('style');
style.textContent = 'body:not(.qms-administrator) [cam-widget-header] .ce-eol-banner { display: none; }';
document.head.appendChild(style);

async function markAdministrator() {
  try {
    const answer = await fetch('/camunda/api/admin/auth/user/default',
      { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    const user = answer.ok ? await answer.json() : null;
    const administrator = Boolean(user && (user.authorizedApps || []).includes('admin'));
    document.body.classList.toggle('qms-administrator', administrator);
  } catch (e) {
    // no answer: keep the banner hidden
  }
}

markAdministrator();
// a login or logout changes the page without loading it again
window.addEventListener('hashchange', markAdministrator);

export default [];
