/*
 * complaint-handling: a Tasklist plugin (loaded through customScripts in config.js) that puts links to
 * the application's own pages into Tasklist's header, next to "Start process": "Register a complaint"
 * (/complaints/new: finds the customer and the defect instead of asking for codes), "Complaints by mail"
 * (/mail-intake/: the drafts from the complaint mailbox), the registers of
 * complaints, 8D reports and contract changes (/complaints/, /corrective-actions/, /changes/: every
 * record, open or closed, the user may read), the customer archive (/customers/) and the dashboards
 * (/dashboard/); same origin, same login session. This script does not know the user's groups: the
 * pages themselves refuse (403, on a page in the user's language) whoever may not use them, and each
 * register lists only the records its reader may read. The language follows the webapp's rule
 * (config.js locales): Chinese when the browser's first preferred language is Chinese, else English.
 */
const chinese = (navigator.languages && navigator.languages[0] ? navigator.languages[0] : navigator.language || '')
  .toLowerCase().startsWith('zh');

const link = (id, priority, href, english, zh, title) => ({
  id,
  pluginPoint: 'tasklist.navbar.action',
  priority,
  render: (node) => {
    const a = document.createElement('a');
    a.href = href;
    a.className = 'qms-shell-link';
    a.textContent = chinese ? zh : english;
    a.title = title;
    node.appendChild(a);
  }
});

export default [
  link('qms-register-complaint-link', 150, '/complaints/new', 'Register a complaint', '登记客诉',
    'Register a complaint by finding the customer and the defect'),
  link('qms-mail-intake-link', 149, '/mail-intake/', 'Complaints by mail', '邮件客诉',
    'Mails to the complaint mailbox waiting to be registered as complaints or discarded'),
  link('qms-complaint-register-link', 147, '/complaints/', 'Complaint register', '客诉台账',
    'Every complaint you may read, open or closed: search, filter, export, record pages and PDFs'),
  link('qms-eight-d-register-link', 146, '/corrective-actions/', '8D register', '8D 台账',
    'Every 8D report you may read: search, filter, export, reports and PDFs'),
  link('qms-change-register-link', 145, '/changes/', 'Change register', '变更台账',
    'The contract changes you may read (confidential to the groups involved)'),
  link('qms-customers-link', 140, '/customers/', 'Customers', '客户档案',
    'Customer archive: contacts, tier, complaint and change history'),
  link('qms-dashboards-link', 130, '/dashboard/', 'Dashboards', '管理看板',
    'KPI dashboards: on-time rates, defect Pareto, open tasks, satisfaction, 8D, escalations')
];
