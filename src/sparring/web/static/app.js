// After a turn is said: clear the box, show the newest reply, and keep typing.
document.addEventListener("htmx:afterRequest", function (event) {
  var form = event.detail.elt;
  if (!form || form.id !== "turn-form" || !event.detail.successful) return;
  if (event.detail.xhr.getResponseHeader("HX-Retarget")) return;
  form.reset();
  document.getElementById("turn-error").textContent = "";
  var turns = document.querySelectorAll("#conversation .turn");
  if (turns.length) turns[turns.length - 1].scrollIntoView({ block: "nearest" });
  var box = document.getElementById("text");
  if (box) box.focus();
});
// Enter says the turn; Shift+Enter starts a new line.
document.addEventListener("keydown", function (event) {
  if (event.target.id !== "text" || event.key !== "Enter" || event.shiftKey) return;
  event.preventDefault();
  event.target.form.requestSubmit();
});
