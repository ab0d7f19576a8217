/*
 * Platform storage for LTI launches when third-party cookies are blocked (1EdTech "LTI client side postMessages"
 * and platform storage drafts). At login (data-mode="put") the state secret is stored in the platform's frame with
 * lti.put_data, then the browser goes on to the platform. At launch (data-mode="get") it is read back with
 * lti.get_data and posted with the id_token. No inline script: the page's CSP forbids it.
 */
(function () {
  'use strict';
  var box = document.getElementById('lti-storage');
  if (!box) { return; }
  var mode = box.getAttribute('data-mode');
  var targetName = box.getAttribute('data-target') || '_parent';
  var origin = box.getAttribute('data-origin') || '*';
  var key = box.getAttribute('data-key');
  var messageId = 'isafe-' + Math.random().toString(36).slice(2);
  var done = false;

  function targetFrame() {
    var parent = window.opener || window.parent;
    if (targetName === '_parent' || !parent) { return parent; }
    try { return parent.frames[targetName] || parent; } catch (e) { return parent; }
  }

  function fallback() {
    if (done) { return; }
    done = true;
    var f = document.getElementById('lti-storage-fallback');
    if (f) { f.hidden = false; }
  }

  window.addEventListener('message', function (event) {
    var data = event.data;
    if (done || !data || data.message_id !== messageId) { return; }
    if (origin !== '*' && event.origin !== origin) { return; }
    if (data.error) { fallback(); return; }
    done = true;
    if (mode === 'put' && data.subject === 'lti.put_data.response') {
      window.location.assign(box.getAttribute('data-next'));
    } else if (mode === 'get' && data.subject === 'lti.get_data.response') {
      var form = document.getElementById('lti-storage-form');
      form.elements['lti_storage_value'].value = data.value || '';
      form.submit();
    }
  });

  var message = { subject: mode === 'put' ? 'lti.put_data' : 'lti.get_data', message_id: messageId, key: key };
  if (mode === 'put') { message.value = box.getAttribute('data-value'); }
  try {
    targetFrame().postMessage(message, origin);
  } catch (e) {
    fallback();
  }
  window.setTimeout(fallback, 3000);
}());
