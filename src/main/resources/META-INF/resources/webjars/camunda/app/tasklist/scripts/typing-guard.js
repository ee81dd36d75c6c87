/*
 * complaint-handling: Tasklist script (loaded through customScripts in config.js) that keeps what a
 * person types into a text field of a Camunda Form (issue 18.7).
 *
 * Why: form-js (the Camunda Forms renderer of Tasklist 7.24) debounces its fields by 300 ms. A
 * number field passes its value on once more 300 ms after it changed (bpmn-io/form-js #958, #998:
 * its debounced onChange is called again on the render that follows the blur). The form then
 * renders again with the state it holds, and a text field whose own debounced change is still
 * pending (its typing began less than 300 ms before) is set back to that stale state. Typed at a
 * normal speed right after Tab from a quantity, the first letters vanish: "EL-FALSE-PRINT" kept as
 * "-FALSE-PRINT".
 *
 * What: while a text field or text area of a form has the focus, what the person typed into it is
 * remembered with every input event. A value set underneath without an input event (the stale
 * re-render) is put back before the next key lands, on the next frame, and before the field is
 * left, and the form is told with an input event, so its own state ends with exactly what was
 * typed. Nothing else is changed: fields the person has not typed into are left alone.
 */
const FIELDS = '.fjs-form input.fjs-input[type=text], .fjs-form textarea.fjs-textarea';

const typed = new WeakMap();
let watching = null;

function isField(element) {
  return element instanceof HTMLElement && element.matches(FIELDS) && !element.closest('.fjs-number-arrow-container')
    && !element.closest('.fjs-form-field-number, .fjs-form-field-datetime, .fjs-form-field-select');
}

function restore(field) {
  const value = typed.get(field);
  if (value === undefined || field.value === value) {
    return false;
  }
  field.value = value;
  field.setSelectionRange(value.length, value.length);
  field.dispatchEvent(new Event('input', { bubbles: true }));
  return true;
}

function watch(field) {
  watching = field;
  const frame = () => {
    if (watching !== field) {
      return;
    }
    restore(field);
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}

document.addEventListener('focusin', (event) => {
  if (isField(event.target)) {
    typed.set(event.target, event.target.value);
    watch(event.target);
  }
}, true);

// before a key changes the field: put back what a stale re-render took away
document.addEventListener('beforeinput', (event) => {
  if (isField(event.target)) {
    restore(event.target);
  }
}, true);

document.addEventListener('input', (event) => {
  if (isField(event.target)) {
    typed.set(event.target, event.target.value);
  }
}, true);

// before form-js's own blur handler passes the value on
document.addEventListener('blur', (event) => {
  if (isField(event.target)) {
    restore(event.target);
    watching = null;
  }
}, true);
