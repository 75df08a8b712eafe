// The chat's page script: citation chips open their passage, answers copy and export as
// Markdown, and the keyboard drives the question box.

const INPUT = "#qa-input textarea";

function focusInput() {
  const box = document.querySelector(INPUT);
  if (box) box.focus();
}

// A click on a citation chip (or a related passage) opens it in the source panel: the chip's
// link names the source and span; a hidden textbox carries it to the server.
function openCitation(link) {
  const box = document.querySelector("#qa-cite-target textarea, #qa-cite-target input");
  const opener = document.querySelector("#qa-cite-open");
  if (!box || !opener) return;
  box.value = link.getAttribute("href").slice("#cite/".length);
  box.dispatchEvent(new Event("input", { bubbles: true }));
  setTimeout(() => opener.click(), 60);
}

// The clipboard API needs a secure context (loopback is one); a LAN address over plain HTTP
// is not, so fall back to a selected textarea.
async function copyText(text) {
  if (navigator.clipboard && window.isSecureContext) {
    await navigator.clipboard.writeText(text);
    return;
  }
  const area = document.createElement("textarea");
  area.value = text;
  area.style.position = "fixed";
  area.style.opacity = "0";
  document.body.appendChild(area);
  area.select();
  document.execCommand("copy");
  area.remove();
}

async function copyAnswer(button) {
  try {
    await copyText(button.dataset.md);
    button.textContent = "Copied";
  } catch (error) {
    button.textContent = "Copy failed";
  }
  setTimeout(() => (button.textContent = "Copy"), 1500);
}

// The whole conversation as one Markdown file: each question as a heading, then its answer
// and sources exactly as the answer's Copy button gives them.
function conversationMarkdown() {
  const answers = [...document.querySelectorAll("#qa-chat .qa-copy")];
  const turns = answers.map((b) => `## ${b.dataset.question}\n\n${b.dataset.md}`);
  return `# Questions and answers\n\n${turns.join("\n")}`;
}

function exportConversation() {
  if (!document.querySelector("#qa-chat .qa-copy")) return;
  const blob = new Blob([conversationMarkdown()], { type: "text/markdown;charset=utf-8" });
  const link = document.createElement("a");
  const stamp = new Date().toISOString().slice(0, 16).replace(/[T:]/g, "-");
  link.href = URL.createObjectURL(blob);
  link.download = `qa-conversation-${stamp}.md`;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}

document.addEventListener(
  "click",
  (event) => {
    const target = event.target;
    if (!target.closest) return;
    const link = target.closest('a[href^="#cite/"]');
    if (link) {
      event.preventDefault();
      event.stopPropagation();
      openCitation(link);
      return;
    }
    const copy = target.closest(".qa-copy");
    if (copy) {
      event.preventDefault();
      event.stopPropagation();
      copyAnswer(copy);
      return;
    }
    if (target.closest("#qa-export")) {
      exportConversation();
      focusInput();
    }
  },
  true,
);

// Enter asks and Shift+Enter adds a line (Gradio's own handling of a one-line box that can
// grow); Escape stops the answer and gives the question box its focus back.
document.addEventListener(
  "keydown",
  (event) => {
    if (event.key !== "Escape" || event.isComposing) return;
    const stop = document.querySelector("#qa-stop");
    if (stop) stop.click();
    focusInput();
  },
  true,
);
