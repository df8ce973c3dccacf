// Renders every [data-vega-spec] element with Vega-Lite (served from local WebJars), as SVG.
(function () {
  // a chart in a folded part is drawn at the width of its container once the part is opened
  document.querySelectorAll('details.fold').forEach(function (d) {
    d.addEventListener('toggle', function () { window.dispatchEvent(new Event('resize')); });
  });
  document.querySelectorAll('[data-vega-spec]').forEach(function (el) {
    var spec = JSON.parse(el.getAttribute('data-vega-spec'));
    vegaEmbed(el, spec, { renderer: 'svg', actions: false, defaultStyle: false, loader: { target: '_self' } })
      .then(function (result) {
        var svg = el.querySelector('svg');
        if (svg) {
          // the chart is described in words beside it, so screen readers skip the drawing
          svg.setAttribute('aria-hidden', 'true');
        }
        el.setAttribute('data-rendered', 'true');
      })
      .catch(function (err) {
        el.setAttribute('data-render-error', String(err));
      });
  });
})();
