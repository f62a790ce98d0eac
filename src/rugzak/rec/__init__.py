"""REC- en (v)so-administratie uit de voorlichting van het ministerie (004)."""
