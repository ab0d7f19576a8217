// Optional enhancement. The page after a choice is sent in answer to the choice's form post, so the browser would
// file it under the post: reloading it, or coming back to it, would offer to send the choice again. This gives the
// page the address of the learner's place in the scenario instead, so reloading or coming back shows where the
// learner is now. Without it nothing goes wrong: a choice sent again carries a step token already used, records
// nothing, and the learner is shown where they are.
(function () {
  'use strict';
  var page = document.querySelector('[data-page-url]');
  if (!page || !window.history || !window.history.replaceState) {
    return;
  }
  var url = page.getAttribute('data-page-url');
  if (window.location.pathname + window.location.search !== url) {
    window.history.replaceState(null, '', url);
  }
})();
