// Any other /api/v1 address: a JSON 404, not the site's HTML page.
function notFound() {
  return Response.json({ error: { code: "not_found", message: "No such API endpoint. See /api/v1/openapi.json." } }, { status: 404 });
}

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
