// Suggests similar ideas while the title and problem are typed (progressive enhancement: without
// script, or when search is not there (404) or fails, nothing is shown and the form works as before).
(function () {
  'use strict';
  var form = document.querySelector('form[data-similar-type]');
  if (!form || !window.fetch) { return; }
  var type = form.getAttribute('data-similar-type');
  var title = form.querySelector('#Title');
  var problem = form.querySelector('#f_problem');
  var section = form.querySelector('.similar-ideas');
  var list = form.querySelector('#similar-list');
  var status = document.getElementById('similar-status');
  var timer = null;
  var last = '';

  function text() {
    return ((title ? title.value : '') + ' ' + (problem ? problem.value : '')).trim();
  }

  function show(items) {
    list.textContent = '';
    items.forEach(function (item) {
      var li = document.createElement('li');
      var a = document.createElement('a');
      a.href = item.url;
      a.textContent = item.title; // text, never HTML
      a.target = '_blank';
      a.rel = 'noopener';
      li.appendChild(a);
      list.appendChild(li);
    });
    section.hidden = items.length === 0;
    status.textContent = items.length === 0 ? '' : items.length + (items.length === 1 ? ' liknande idé finns.' : ' liknande idéer finns.');
  }

  function lookUp() {
    var query = text();
    if (query.length < 8 || query === last) { return; }
    last = query;
    fetch('/api/search/similar?type=' + encodeURIComponent(type) + '&count=5&text=' + encodeURIComponent(query.slice(0, 4000)),
      { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
      .then(function (response) { return response.ok ? response.json() : []; })
      .then(function (items) { show(Array.isArray(items) ? items : []); })
      .catch(function () { show([]); });
  }

  [title, problem].forEach(function (input) {
    if (!input) { return; }
    input.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(lookUp, 400);
    });
  });
})();
