// After a turn is said: clear the box and the old hint, show the newest reply, keep typing.
document.addEventListener("htmx:afterRequest", function (event) {
  var form = event.detail.elt;
  if (!form || form.id !== "turn-form" || !event.detail.successful) return;
  if (event.detail.xhr.getResponseHeader("HX-Retarget")) return;
  form.reset();
  document.getElementById("turn-error").textContent = "";
  var hint = document.getElementById("hint");
  if (hint) hint.textContent = "";
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
