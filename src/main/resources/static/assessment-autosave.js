// Optional enhancement: saves each answer on a questionnaire page as soon as it is chosen, so that closing the
// window loses nothing. The page works fully without it (every "Save and continue" saves too).
(function () {
  'use strict';
  var form = document.querySelector('form[data-autosave]');
  if (!form || !window.fetch || !window.URLSearchParams) {
    return;
  }
  // One save at a time, in the order chosen, so a quick change of mind never leaves an older answer stored.
  var queue = Promise.resolve();
  form.addEventListener('change', function (event) {
    var input = event.target;
    if (!input || input.type !== 'radio' || !input.checked) {
      return;
    }
    var body = new URLSearchParams();
    ['s', 'csrf', 'section'].forEach(function (name) {
      var field = form.querySelector('input[type=hidden][name="' + name + '"]');
      if (field) {
        body.append(name, field.value);
      }
    });
    body.append('action', form.getAttribute('data-autosave'));
    body.append(input.name, input.value);
    // form.action would be the button named "action": read the attribute.
    var action = form.getAttribute('action');
    queue = queue.then(function () {
      return fetch(action, {method: 'POST', body: body, credentials: 'same-origin'});
    }).catch(function () {
      // Not saved now: the answer is still in the form and is saved when the learner continues.
    });
  });
}());
