document.getElementById("app")!.textContent = "Glossa";
