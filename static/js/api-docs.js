// The API reference page (/api/v1/docs): Swagger UI renders the OpenAPI document, read-only ("Try it out"
// is off: a reader's session must not send requests by accident).
document.addEventListener("DOMContentLoaded", function () {
  var root = document.getElementById("api-reference");
  if (!root || !window.SwaggerUIBundle) return;
  window.SwaggerUIBundle({
    url: root.getAttribute("data-spec"),
    domNode: root,
    deepLinking: false,  // its anchors sit inside the summary buttons (nested controls)
    supportedSubmitMethods: [],
    defaultModelsExpandDepth: 0,
    docExpansion: "list",
  });
});
