// A click on a citation chip (or a related passage) opens it in the source panel: the chip's
// link names the source and span; a hidden textbox carries it to the server.
document.addEventListener(
  "click",
  (event) => {
    const link = event.target.closest && event.target.closest('a[href^="#cite/"]');
    if (!link) return;
    event.preventDefault();
    event.stopPropagation();
    const box = document.querySelector("#qa-cite-target textarea, #qa-cite-target input");
    const opener = document.querySelector("#qa-cite-open");
    if (!box || !opener) return;
    box.value = link.getAttribute("href").slice("#cite/".length);
    box.dispatchEvent(new Event("input", { bubbles: true }));
    setTimeout(() => opener.click(), 60);
  },
  true,
);
