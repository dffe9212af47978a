// Runs before the page is drawn (not deferred): the menu button collapses the menu on small screens only
// when script runs at all; without it, the whole menu shows.
document.documentElement.classList.replace("no-js", "js");
