/* Starts Swagger UI on the API's OpenAPI document (the URL is the body's data-openapi-url).
   A file, not an inline script, so the page works under a strict Content-Security-Policy. */
(function () {
  "use strict";
  var url = document.body.getAttribute("data-openapi-url");
  window.ui = SwaggerUIBundle({
    url: url,
    dom_id: "#swagger-ui",
    layout: "BaseLayout",
    deepLinking: true,
    validatorUrl: null,
    presets: [SwaggerUIBundle.presets.apis],
  });
})();
