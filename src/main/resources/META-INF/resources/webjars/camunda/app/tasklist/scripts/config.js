/*
 * Copyright Camunda Services GmbH and/or licensed to Camunda Services GmbH
 * under one or more contributor license agreements. See the NOTICE file
 * distributed with this work for additional information regarding copyright
 * ownership. Camunda licenses this file to you under the Apache License,
 * Version 2.0; you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

/*
 * complaint-handling: this file replaces the stock config.js of the Camunda 7.24.0 webapp webjar
 * (same classpath path, the application's own resources come first on the classpath).
 * It is the stock file unchanged except for the active "locales" block below, which offers
 * Simplified Chinese (locales/zh.json, written by this project) next to English. The language is
 * taken from the browser's first preferred language (navigator.languages[0], e.g. zh-CN -> zh);
 * any other language falls back to English. When upgrading Camunda, copy the new stock file and
 * re-apply only this block.
 * customScripts: scripts/shell-links.js, a plugin linking the application's pages (Register a
 * complaint, Customers, Dashboards) from Tasklist's header, next to "Start process";
 * scripts/form-refusals.js shows a refused form submission at its fields, in the interface's
 * language, instead of a notice over the Complete button; scripts/eol-banner.js hides the "migrate
 * to Camunda 8" banner from users who are not administrators; scripts/task-list.js shows the
 * priority in words, the absolute due date in plant time, the list columns without the expander
 * and the new number after "Start process"; scripts/typing-guard.js keeps text typed right after a
 * number field (form-js re-renders from a stale state); scripts/chinese-texts.js puts form-js's
 * texts, moment's relative times and the footer's time zone into Chinese; scripts/date-picker.js
 * gives the forms' date pickers Chinese month and weekday names and ISO dates (yyyy-MM-dd) in Chinese.
 */
export default {
  customScripts: ['scripts/shell-links.js', 'scripts/form-refusals.js', 'scripts/eol-banner.js',
    'scripts/task-list.js', 'scripts/typing-guard.js', 'scripts/chinese-texts.js', 'scripts/date-picker.js'],
  locales: {
    availableLocales: ['en', 'zh'],
    fallbackLocale: 'en'
  },
  // change the app name and vendor
  // app: {
  //   name: 'Todos',
  //   vendor: 'Company'
  // },
  //
  // configure the date format
  // "dateFormat": {
  //   "normal": "LLL",
  //   "long":   "LLLL"
  // },
  //
  // "locales": {
  //    "availableLocales": ["en", "de"],
  //    "fallbackLocale": "en"
  //  },
  // customScripts: [
  //   // If you have a folder called 'my-custom-script' (in the 'tasklist' folder)
  //   // with a file called 'customScript.js' in it
  //   // 'my-custom-script/customScript'
  // ],
  // requireJsConfig: {
  //   // AngularJS module names
  //   ngDeps: ['ui.bootstrap'],
  //   // RequireJS configuration for a complete configuration documentation see:
  //   // http://requirejs.org/docs/api.html#config
  //   deps: ['jquery', 'custom-ui'],
  //   paths: {
  //     // if you have a folder called `custom-ui` (in the `scripts` folder)
  //     // with a file called `scripts.js` in it and defining the `custom-ui` AMD module
  //     'custom-ui': 'custom-ui/scripts'
  //   }
  // },
  // csrfCookieName: 'XSRF-TOKEN',
  // disableWelcomeMessage: false,
  // assignProcessInstanceIdToTaskComment: true,

  shortcuts: {
    claimTask: {
      key: 'ctrl+alt+c',
      description: 'claims the currently selected task'
    },
    focusFilter: {
      key: 'ctrl+shift+f',
      description: 'set the focus to the first filter in the list'
    },
    focusList: {
      key: 'ctrl+alt+l',
      description: 'sets the focus to the first task in the list'
    },
    focusForm: {
      key: 'ctrl+alt+f',
      description: 'sets the focus to the first input field in a task form'
    },
    startProcess: {
      key: 'ctrl+alt+p',
      description: 'opens the start process modal dialog'
    }
  }
};
