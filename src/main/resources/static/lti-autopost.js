// Posts a form marked data-autopost as soon as the page loads (the deep-linking answer to the LMS, a launch re-posted
// from the tool's own origin). Without JavaScript the page's own button does the same.
(function () {
  var form = document.querySelector('form[data-autopost]');
  if (form) {
    form.submit();
  }
})();
