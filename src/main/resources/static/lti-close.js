// Dynamic Registration's last step: tell the platform's dialog (the opener, or the parent frame) that the tool is
// done, so it closes and shows the new tool ({subject: "org.imsglobal.lti.close"}).
(function () {
  var button = document.querySelector('[data-lti-close]');
  if (!button) {
    return;
  }
  button.addEventListener('click', function () {
    var target = window.opener || (window.parent !== window ? window.parent : null);
    if (target) {
      target.postMessage({subject: 'org.imsglobal.lti.close'}, '*');
    } else {
      window.close();
    }
  });
})();
