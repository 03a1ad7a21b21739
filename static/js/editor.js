// Adviesmonitor: the letter editor's rich-text fields and live previews.
//
// Progressive enhancement. Without this script every rich-text field is a <textarea> with
// the stored HTML subset and every form saves as it is. With it, each
// textarea[data-rijke-tekst] gets a toolbar of real buttons (Vet, Cursief, Opsomming,
// Genummerde lijst, Link, Voetnoot) above an editable region; the textarea stays in the
// form, hidden, and is kept in sync on every input and on submit, so the server still
// receives the HTML (and sanitises it again). Where the page has a preview for a field
// (data-voorbeeld), it shows the text as the letter will, on every keystroke.
//
// Everything that reaches the page goes through schoon(): the text is parsed in an inert
// document (DOMParser) and rebuilt node by node from an allow-list, the same subset the
// server keeps (adviesmonitor/richtext.py). Raw input is never assigned to innerHTML.
//
// No dependencies, no build step: a plain ES module.

const TOEGESTAAN = new Set(["P", "BR", "STRONG", "EM", "UL", "OL", "LI", "A", "SUP"]);
// What browsers produce for the same meaning.
const HERNOEM = { B: "STRONG", I: "EM", DIV: "P", H1: "P", H2: "P", H3: "P", H4: "P", H5: "P", H6: "P" };
// Dropped with everything in them (the server drops these too).
const WEG_MET_INHOUD = new Set([
  "SCRIPT", "STYLE", "TEMPLATE", "IFRAME", "OBJECT", "EMBED", "NOSCRIPT", "TEXTAREA",
  "SELECT", "SVG", "MATH", "TITLE", "HEAD", "META", "LINK", "FRAME", "FRAMESET",
]);
const SCHEMAS = new Set(["http:", "https:", "mailto:"]);
const BLOKKEN = new Set(["P", "UL", "OL"]);
const OPMAAK = new Set(["STRONG", "EM", "A", "B", "I"]);
const VOETNOOTNUMMER = /^\d{1,5}$/;

// --- sanitising ------------------------------------------------------------------------

function veiligAdres(href) {
  try {
    // Resolved as the browser would follow it: "jav\tascript:" is javascript: too.
    return SCHEMAS.has(new URL(href, window.location.href).protocol);
  } catch {
    return false;
  }
}

// A browser types a non-breaking space where a plain one would collapse (next to a tag or
// another space); the stored text wants a plain one there. One between two words stays.
function gewoneSpaties(tekst) {
  return tekst.replace(/^\u00a0|\u00a0$|\u00a0(?= )|(?<= )\u00a0/g, " ");
}

function kopieer(bron, doel) {
  for (const kind of bron.childNodes) {
    if (kind.nodeType === Node.TEXT_NODE) {
      doel.append(document.createTextNode(gewoneSpaties(kind.data)));
      continue;
    }
    if (kind.nodeType !== Node.ELEMENT_NODE) continue; // comments, processing instructions
    let naam = kind.tagName.toUpperCase();
    if (WEG_MET_INHOUD.has(naam)) continue;
    naam = HERNOEM[naam] || naam;
    if (!TOEGESTAAN.has(naam)) {
      kopieer(kind, doel); // unknown element: keep its text
      continue;
    }
    if (naam === "SUP") {
      const nummer = (kind.getAttribute("data-voetnoot") || "").trim();
      const sup = document.createElement("sup");
      if (VOETNOOTNUMMER.test(nummer) && Number(nummer) >= 1) {
        const n = String(Number(nummer));
        sup.setAttribute("data-voetnoot", n);
        sup.textContent = n;
      } else {
        kopieer(kind, sup);
      }
      doel.append(sup);
      continue;
    }
    const nieuw = document.createElement(naam.toLowerCase());
    if (naam === "A") {
      const href = kind.getAttribute("href");
      if (href && veiligAdres(href)) nieuw.setAttribute("href", href);
    }
    kopieer(kind, nieuw);
    doel.append(nieuw);
  }
}

function isInline(node) {
  return node.nodeType === Node.TEXT_NODE || !BLOKKEN.has(node.nodeName);
}

function isLeeg(element) {
  return !element.textContent.trim() && !element.querySelector("sup[data-voetnoot]");
}

// Text straight in the body goes in paragraphs; empty paragraphs and the line break a
// browser leaves at the end of one go.
function ordenen(fragment) {
  const uit = document.createDocumentFragment();
  let alinea = null;
  for (const node of [...fragment.childNodes]) {
    if (node.nodeName === "LI") {
      const lijst = document.createElement("ul");
      lijst.append(node);
      uit.append(lijst);
      alinea = null;
    } else if (isInline(node)) {
      if (!alinea) {
        alinea = document.createElement("p");
        uit.append(alinea);
      }
      alinea.append(node);
    } else {
      uit.append(node);
      alinea = null;
    }
  }
  for (const p of [...uit.querySelectorAll("p, li")]) {
    while (p.lastChild && p.lastChild.nodeName === "BR") p.lastChild.remove();
    // The space a browser keeps visible at the end of a line while typing.
    if (p.lastChild && p.lastChild.nodeType === Node.TEXT_NODE) {
      p.lastChild.data = p.lastChild.data.replace(/[ \u00a0]+$/, "");
    }
    if (p.nodeName === "P" && isLeeg(p)) p.remove();
  }
  for (const lijst of [...uit.querySelectorAll("ul, ol")]) {
    if (!lijst.children.length) lijst.remove();
  }
  return uit;
}

/** The allowed subset of ``html`` as a DocumentFragment of this document. */
export function schoon(html) {
  const inert = new DOMParser().parseFromString(String(html || ""), "text/html");
  const fragment = document.createDocumentFragment();
  kopieer(inert.body, fragment);
  return ordenen(fragment);
}

/** A fragment as the HTML the server stores. */
export function alsHtml(fragment) {
  const houder = document.createElement("div");
  houder.append(fragment);
  return houder.innerHTML;
}

// --- footnotes -------------------------------------------------------------------------

function leesJson(id) {
  const element = document.getElementById(id);
  if (!element) return {};
  try {
    return JSON.parse(element.textContent) || {};
  } catch {
    return {};
  }
}

const voetnootteksten = leesJson("voetnootteksten");

function nummersIn(html) {
  return [...String(html || "").matchAll(/data-voetnoot="(\d{1,5})"/g)].map((m) => Number(m[1]));
}

// Numbers taken: stored footnotes, every call on the page, every footnote being added.
function volgendVrijNummer() {
  const bezet = new Set(Object.keys(voetnootteksten).map(Number));
  for (const veld of document.querySelectorAll("textarea[data-rijke-tekst]")) {
    for (const n of nummersIn(veld.value)) bezet.add(n);
  }
  for (const veld of document.querySelectorAll("textarea[data-nieuwe-voetnoot]")) {
    bezet.add(Number(veld.dataset.nieuweVoetnoot));
  }
  let n = 1;
  while (bezet.has(n)) n += 1;
  return n;
}

function voetnootTekst(formulier, nummer) {
  const nieuw = formulier?.querySelector(`textarea[data-nieuwe-voetnoot="${nummer}"]`);
  if (nieuw) return nieuw.value;
  return voetnootteksten[String(nummer)];
}

// --- the live preview ------------------------------------------------------------------

function toonVoorbeeld(textarea) {
  const id = textarea.dataset.voorbeeld;
  const vak = id && document.getElementById(id);
  if (!vak) return;
  const fragment = schoon(textarea.value);
  for (const sup of [...fragment.querySelectorAll("sup[data-voetnoot]")]) {
    const aanroep = document.createElement("sup");
    aanroep.className = "voetnootaanroep";
    const verborgen = document.createElement("span");
    verborgen.className = "visueel-verborgen";
    verborgen.textContent = "voetnoot ";
    aanroep.append(verborgen, sup.dataset.voetnoot);
    sup.replaceWith(aanroep);
  }
  vak.replaceChildren(fragment);
  const lijst = document.getElementById(`${id}-voetnoten`);
  if (!lijst) return;
  const nummers = [...new Set(nummersIn(textarea.value))];
  lijst.replaceChildren(
    ...nummers.map((nummer) => {
      const li = document.createElement("li");
      li.value = nummer;
      const tekst = voetnootTekst(textarea.form, nummer);
      if (tekst && tekst.trim()) {
        li.append(schoon(tekst));
      } else {
        const em = document.createElement("em");
        em.textContent = "nog geen tekst";
        li.append(em);
      }
      return li;
    }),
  );
  lijst.hidden = nummers.length === 0;
}

// --- the rich-text field ---------------------------------------------------------------

let volgnummer = 0;

function maak(tag, attributen = {}, ...kinderen) {
  const element = document.createElement(tag);
  for (const [naam, waarde] of Object.entries(attributen)) {
    if (waarde === false || waarde === null || waarde === undefined) continue;
    element.setAttribute(naam, waarde === true ? "" : waarde);
  }
  element.append(...kinderen);
  return element;
}

class RijkeTekst {
  constructor(textarea) {
    this.textarea = textarea;
    this.id = textarea.id || `rijk-${(volgnummer += 1)}`;
    this.bereik = null;
    this.label = document.getElementById(`${this.id}-label`);
    this.metVoetnoot = !textarea.hasAttribute("data-zonder-voetnoot");
    this.bouw();
    this.koppel();
  }

  bouw() {
    const ta = this.textarea;
    const labeltekst = this.label ? this.label.textContent.replace(/\(verplicht\)/, "").trim() : "tekst";
    this.vlak = maak("div", {
      id: `${this.id}-vlak`,
      class: "rijk-vlak",
      contenteditable: "true",
      role: "textbox",
      "aria-multiline": "true",
      "aria-labelledby": this.label ? this.label.id : false,
      "aria-label": this.label ? false : labeltekst,
      "aria-describedby": ta.getAttribute("aria-describedby") || false,
      "aria-required": ta.getAttribute("aria-required") || false,
      "aria-invalid": ta.getAttribute("aria-invalid") || false,
      spellcheck: "true",
      lang: "nl",
    });
    this.vlak.append(schoon(ta.value));
    this.markeerVoetnoten();

    this.knoppen = {};
    const werkbalk = maak("div", {
      class: "rijk-werkbalk",
      role: "toolbar",
      "aria-label": `Opmaak van ${labeltekst}`,
      "aria-controls": this.vlak.id,
    });
    const knop = (sleutel, tekst, extra = {}) => {
      const b = maak("button", { type: "button", "aria-label": tekst, ...extra }, tekst);
      this.knoppen[sleutel] = b;
      werkbalk.append(b);
      return b;
    };
    knop("bold", "Vet", { "aria-pressed": "false", "aria-keyshortcuts": "Control+B", title: "Vet (Ctrl+B)" });
    knop("italic", "Cursief", { "aria-pressed": "false", "aria-keyshortcuts": "Control+I", title: "Cursief (Ctrl+I)" });
    knop("insertUnorderedList", "Opsomming", { "aria-pressed": "false" });
    knop("insertOrderedList", "Genummerde lijst", { "aria-pressed": "false" });
    knop("link", "Link", { "aria-haspopup": "dialog", "aria-expanded": "false" });
    if (this.metVoetnoot) knop("voetnoot", "Voetnoot", { "aria-haspopup": "dialog", "aria-expanded": "false" });

    // The small inline forms (no window.prompt): a link's address, a footnote's number.
    this.linkInvoer = maak("input", {
      type: "url",
      id: `${this.id}-link`,
      inputmode: "url",
      autocomplete: "url",
      placeholder: "https://",
    });
    this.linkPaneel = maak(
      "div",
      { class: "rijk-paneel", role: "group", "aria-label": "Link invoegen", hidden: true },
      maak("div", {}, maak("label", { for: this.linkInvoer.id }, "Adres van de link (http of https)"), this.linkInvoer),
      maak("button", { type: "button", class: "utrecht-button utrecht-button--primary-action", "data-doe": "link" }, "Link invoegen"),
      maak("button", { type: "button", class: "utrecht-button utrecht-button--secondary-action", "data-doe": "annuleer" }, "Annuleren"),
    );
    this.voetnootKeuze = maak("select", { id: `${this.id}-voetnoot` });
    this.voetnootPaneel = maak(
      "div",
      { class: "rijk-paneel", role: "group", "aria-label": "Voetnoot invoegen", hidden: true },
      maak("div", {}, maak("label", { for: this.voetnootKeuze.id }, "Welke voetnoot"), this.voetnootKeuze),
      maak("button", { type: "button", class: "utrecht-button utrecht-button--primary-action", "data-doe": "voetnoot" }, "Voetnoot invoegen"),
      maak("button", { type: "button", class: "utrecht-button utrecht-button--secondary-action", "data-doe": "annuleer" }, "Annuleren"),
    );
    this.melding = maak("p", { class: "rijk-melding", role: "status", id: `${this.id}-melding` });

    this.omhulsel = maak("div", { class: "rijk-editor" }, werkbalk, this.linkPaneel, this.voetnootPaneel, this.melding, this.vlak);
    ta.before(this.omhulsel);
    ta.hidden = true;
    ta.tabIndex = -1;

    const hulp = document.getElementById(`${this.id}-hulp`);
    if (hulp && hulp.hasAttribute("data-opmaakhulp")) {
      hulp.textContent =
        "Gebruik de knoppen boven het tekstvak, of Ctrl+B voor vet en Ctrl+I voor cursief." +
        (this.metVoetnoot ? " Met Voetnoot voegt u een voetnootaanroep in." : "");
    }
    // A new footnote's text is written beside the text that calls it, in the same form.
    this.nieuweVoetnoten = null;
  }

  koppel() {
    document.execCommand("defaultParagraphSeparator", false, "p");
    this.vlak.addEventListener("input", () => this.synchroniseer());
    this.vlak.addEventListener("keydown", (e) => this.toets(e));
    this.vlak.addEventListener("paste", (e) => this.plak(e, e.clipboardData));
    this.vlak.addEventListener("drop", (e) => this.plak(e, e.dataTransfer));
    this.vlak.addEventListener("blur", () => this.bewaarBereik());
    document.addEventListener("selectionchange", () => {
      if (this.vlak.contains(document.getSelection()?.anchorNode)) {
        this.bewaarBereik();
        this.werkStandBij();
      }
    });
    this.label?.addEventListener("click", (e) => {
      e.preventDefault();
      this.vlak.focus();
    });
    for (const [sleutel, b] of Object.entries(this.knoppen)) {
      // Keep the selection in the text when a button is clicked with the mouse.
      b.addEventListener("mousedown", (e) => e.preventDefault());
      b.addEventListener("click", () => this.knop(sleutel));
    }
    const werkbalk = this.omhulsel.querySelector(".rijk-werkbalk");
    werkbalk.addEventListener("keydown", (e) => this.pijltjes(e, werkbalk));
    for (const paneel of [this.linkPaneel, this.voetnootPaneel]) {
      paneel.addEventListener("click", (e) => {
        const doe = e.target.closest("[data-doe]")?.dataset.doe;
        if (doe === "link") this.voegLinkIn();
        if (doe === "voetnoot") this.voegVoetnootIn();
        if (doe === "annuleer") this.sluitPanelen(true);
      });
      paneel.addEventListener("keydown", (e) => {
        if (e.key === "Escape") {
          e.preventDefault();
          this.sluitPanelen(true);
        } else if (e.key === "Enter" && (e.target === this.linkInvoer || e.target === this.voetnootKeuze)) {
          e.preventDefault(); // never submits the form around it
          if (e.target === this.linkInvoer) this.voegLinkIn();
          else this.voegVoetnootIn();
        }
      });
    }
    this.textarea.form?.addEventListener("submit", () => this.synchroniseer());
  }

  // --- state ---

  bewaarBereik() {
    const selectie = document.getSelection();
    if (selectie && selectie.rangeCount && this.vlak.contains(selectie.anchorNode)) {
      this.bereik = selectie.getRangeAt(0).cloneRange();
    }
  }

  herstelBereik() {
    const selectie = document.getSelection();
    if (document.activeElement === this.vlak && this.vlak.contains(selectie?.anchorNode)) {
      return; // typing in the text: the live selection is the one to use
    }
    this.vlak.focus();
    if (this.bereik && this.vlak.contains(this.bereik.startContainer)) {
      selectie.removeAllRanges();
      selectie.addRange(this.bereik);
    } else {
      const bereik = document.createRange();
      bereik.selectNodeContents(this.vlak);
      bereik.collapse(false);
      selectie.removeAllRanges();
      selectie.addRange(bereik);
    }
  }

  binnen(tagnaam) {
    let node = document.getSelection()?.anchorNode;
    while (node && node !== this.vlak) {
      if (node.nodeName === tagnaam) return node;
      node = node.parentNode;
    }
    return null;
  }

  werkStandBij() {
    const stand = {
      bold: document.queryCommandState("bold"),
      italic: document.queryCommandState("italic"),
      insertUnorderedList: Boolean(this.binnen("UL")),
      insertOrderedList: Boolean(this.binnen("OL")),
    };
    for (const [sleutel, aan] of Object.entries(stand)) {
      this.knoppen[sleutel]?.setAttribute("aria-pressed", String(aan));
    }
  }

  synchroniseer() {
    this.textarea.value = alsHtml(schoon(this.vlak.innerHTML));
    this.markeerVoetnoten();
    toonVoorbeeld(this.textarea);
  }

  markeerVoetnoten() {
    for (const sup of this.vlak.querySelectorAll("sup[data-voetnoot]")) {
      sup.setAttribute("contenteditable", "false");
      sup.setAttribute("aria-label", `voetnoot ${sup.dataset.voetnoot}`);
    }
  }

  meld(tekst, fout = false) {
    this.melding.textContent = tekst;
    this.melding.classList.toggle("rijk-melding--fout", fout);
  }

  // --- commands ---

  voerUit(commando, waarde = null) {
    this.herstelBereik();
    document.execCommand("styleWithCSS", false, false);
    document.execCommand(commando, false, waarde);
    this.bewaarBereik();
    this.synchroniseer();
    this.werkStandBij();
  }

  // Insert nodes at the selection with the DOM itself: execCommand("insertHTML") would turn
  // a <sup> or <strong> into a <span style> to keep the look, which the format drops.
  voegIn(fragment) {
    this.herstelBereik();
    const selectie = document.getSelection();
    const bereik = selectie.getRangeAt(0);
    bereik.deleteContents();
    const laatste = fragment.lastChild;
    bereik.insertNode(fragment);
    if (laatste) {
      const daarna = document.createRange();
      daarna.setStartAfter(laatste);
      daarna.collapse(true);
      selectie.removeAllRanges();
      selectie.addRange(daarna);
    }
    this.bewaarBereik();
    this.synchroniseer();
  }

  knop(sleutel) {
    if (sleutel === "link") return this.openPaneel(this.linkPaneel, this.knoppen.link);
    if (sleutel === "voetnoot") return this.openPaneel(this.voetnootPaneel, this.knoppen.voetnoot);
    this.sluitPanelen(false);
    this.voerUit(sleutel);
  }

  toets(e) {
    if (!(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey) return;
    const sleutel = e.key.toLowerCase();
    if (sleutel === "b" || sleutel === "i") {
      e.preventDefault();
      this.voerUit(sleutel === "b" ? "bold" : "italic");
    }
  }

  pijltjes(e, werkbalk) {
    if (e.key !== "ArrowRight" && e.key !== "ArrowLeft") return;
    const knoppen = [...werkbalk.querySelectorAll("button")];
    const i = knoppen.indexOf(document.activeElement);
    if (i < 0) return;
    e.preventDefault();
    const volgende = (i + (e.key === "ArrowRight" ? 1 : -1) + knoppen.length) % knoppen.length;
    knoppen[volgende].focus();
  }

  plak(e, overdracht) {
    if (!overdracht) return;
    e.preventDefault();
    const html = overdracht.getData("text/html");
    let fragment;
    if (html) {
      fragment = schoon(html);
    } else {
      fragment = document.createDocumentFragment();
      const regels = overdracht.getData("text/plain").split(/\r?\n/);
      regels.forEach((regel, i) => {
        if (i) fragment.append(document.createElement("br"));
        fragment.append(document.createTextNode(regel));
      });
    }
    // A pasted single paragraph joins the paragraph it lands in.
    if (fragment.childNodes.length === 1 && fragment.firstChild.nodeName === "P") {
      const alinea = fragment.firstChild;
      fragment = document.createDocumentFragment();
      fragment.append(...alinea.childNodes);
    }
    this.voegIn(fragment);
  }

  // --- panels ---

  openPaneel(paneel, knop) {
    this.bewaarBereik();
    this.sluitPanelen(false);
    this.meld("");
    if (paneel === this.linkPaneel) {
      const link = this.bereik && this.binnenBereik("A");
      this.linkInvoer.value = link ? link.getAttribute("href") || "" : "";
    } else {
      this.vulVoetnootKeuze();
    }
    paneel.hidden = false;
    knop.setAttribute("aria-expanded", "true");
    (paneel === this.linkPaneel ? this.linkInvoer : this.voetnootKeuze).focus();
  }

  binnenBereik(tagnaam) {
    let node = this.bereik?.startContainer;
    while (node && node !== this.vlak) {
      if (node.nodeName === tagnaam) return node;
      node = node.parentNode;
    }
    return null;
  }

  sluitPanelen(terugNaarTekst) {
    for (const [paneel, knop] of [
      [this.linkPaneel, this.knoppen.link],
      [this.voetnootPaneel, this.knoppen.voetnoot],
    ]) {
      paneel.hidden = true;
      knop?.setAttribute("aria-expanded", "false");
    }
    if (terugNaarTekst) this.herstelBereik();
  }

  voegLinkIn() {
    const adres = this.linkInvoer.value.trim();
    if (!adres) {
      this.sluitPanelen(false);
      this.voerUit("unlink");
      this.meld("De link is verwijderd.");
      return;
    }
    let url;
    try {
      url = new URL(adres);
    } catch {
      url = null;
    }
    if (!url || (url.protocol !== "http:" && url.protocol !== "https:")) {
      this.meld("Fout: vul een volledig webadres in dat begint met http:// of https://.", true);
      this.linkInvoer.focus();
      return;
    }
    this.sluitPanelen(false);
    const leeg = !this.bereik || this.bereik.collapsed;
    if (leeg) {
      const a = document.createElement("a");
      a.setAttribute("href", url.href);
      a.textContent = url.href;
      const fragment = document.createDocumentFragment();
      fragment.append(a);
      this.voegIn(fragment);
    } else {
      this.voerUit("createLink", url.href);
    }
    this.meld(`Link naar ${url.href} ingevoegd.`);
  }

  naOpmaak(bereik) {
    const lengte = (n) => (n.nodeType === Node.TEXT_NODE ? n.data.length : n.childNodes.length);
    let node = bereik.startContainer;
    let offset = bereik.startOffset;
    while (node !== this.vlak && offset === lengte(node)) {
      if (node.nodeType === Node.ELEMENT_NODE && !OPMAAK.has(node.nodeName)) break;
      const ouder = node.parentNode;
      offset = [...ouder.childNodes].indexOf(node) + 1;
      node = ouder;
    }
    bereik.setStart(node, offset);
    bereik.collapse(true);
  }

  vulVoetnootKeuze() {
    const volgend = volgendVrijNummer();
    const opties = [maak("option", { value: String(volgend) }, `Nieuwe voetnoot (nummer ${volgend})`)];
    const bekend = new Set(Object.keys(voetnootteksten).map(Number));
    for (const veld of document.querySelectorAll("textarea[data-nieuwe-voetnoot]")) {
      bekend.add(Number(veld.dataset.nieuweVoetnoot));
    }
    for (const n of [...bekend].sort((a, b) => a - b)) {
      const tekst = (schoon(voetnootTekst(this.textarea.form, n) || "").textContent || "").trim();
      const kort = tekst.length > 60 ? `${tekst.slice(0, 57)}…` : tekst || "nog geen tekst";
      opties.push(maak("option", { value: String(n), "data-bestaand": "" }, `Voetnoot ${n}: ${kort}`));
    }
    this.voetnootKeuze.replaceChildren(...opties);
  }

  voegVoetnootIn() {
    const gekozen = this.voetnootKeuze.selectedOptions[0];
    const nummer = Number(gekozen?.value || volgendVrijNummer());
    const nieuw = gekozen ? !gekozen.hasAttribute("data-bestaand") : true;
    this.sluitPanelen(false);
    // The call goes after the selection, and after the bold, italic or link it ends.
    if (this.bereik) {
      this.bereik.collapse(false);
      this.naOpmaak(this.bereik);
    }
    const sup = document.createElement("sup");
    sup.setAttribute("data-voetnoot", String(nummer));
    sup.textContent = String(nummer);
    const fragment = document.createDocumentFragment();
    fragment.append(sup);
    this.voegIn(fragment);
    if (nieuw) {
      const veld = this.voegVoetnootveldToe(nummer);
      this.meld(`Voetnoot ${nummer} ingevoegd. Vul de tekst in; die wordt met deze tekst opgeslagen.`);
      veld.focus();
    } else {
      this.meld(`Verwijzing naar voetnoot ${nummer} ingevoegd.`);
    }
    toonVoorbeeld(this.textarea);
  }

  voegVoetnootveldToe(nummer) {
    if (!this.nieuweVoetnoten) {
      this.nieuweVoetnoten = maak(
        "div",
        { class: "nieuwe-voetnoten", role: "group", "aria-labelledby": `${this.id}-nieuwe-voetnoten` },
        maak("p", { class: "nieuwe-voetnoten-kop", id: `${this.id}-nieuwe-voetnoten` }, "Nieuwe voetnoten in deze tekst"),
        maak("p", { class: "bijschrift" }, "Worden opgeslagen met deze tekst, zolang de tekst ze aanroept."),
      );
      this.omhulsel.after(this.nieuweVoetnoten);
    }
    const prefix = this.textarea.dataset.prefix || this.id;
    const id = `${prefix}-nieuwe-voetnoot-${nummer}`;
    const bestaand = document.getElementById(id);
    if (bestaand) return bestaand;
    const veld = maak("textarea", {
      id,
      name: id,
      rows: "2",
      class: "utrecht-textarea utrecht-textarea--html-textarea",
      "data-nieuwe-voetnoot": String(nummer),
    });
    veld.addEventListener("input", () => toonVoorbeeld(this.textarea));
    veld.addEventListener("keydown", (e) => {
      // Escape: back to where the call was inserted.
      if (e.key === "Escape") {
        e.preventDefault();
        this.herstelBereik();
      }
    });
    this.nieuweVoetnoten.append(
      maak(
        "div",
        { class: "utrecht-form-field" },
        maak("p", { class: "utrecht-form-field__label" }, maak("label", { class: "utrecht-form-label", for: id }, `Tekst van nieuwe voetnoot ${nummer}`)),
        veld,
      ),
    );
    return veld;
  }
}

// --- focus after a page load -----------------------------------------------------------

function zetFocus() {
  const hash = window.location.hash ? decodeURIComponent(window.location.hash.slice(1)) : "";
  const doel =
    document.getElementById("conflict") ||
    document.getElementById("foutsamenvatting") ||
    (hash && document.getElementById(hash));
  if (!doel) return;
  if (!doel.hasAttribute("tabindex")) doel.setAttribute("tabindex", "-1");
  doel.focus();
}

function start() {
  for (const textarea of document.querySelectorAll("textarea[data-rijke-tekst]")) {
    new RijkeTekst(textarea);
  }
  zetFocus();
}

if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", start);
} else {
  start();
}
