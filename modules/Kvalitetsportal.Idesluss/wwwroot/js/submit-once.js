// A second click while the form is being sent does nothing (the server also saves a form only once).
(function () {
  'use strict';
  var form = document.querySelector('form.idea-form');
  if (!form) { return; }
  var sending = false;
  form.addEventListener('submit', function (event) {
    if (sending) { event.preventDefault(); return; }
    sending = true;
    var button = form.querySelector('button[type=submit]');
    if (button) { button.setAttribute('aria-disabled', 'true'); }
  });
})();
