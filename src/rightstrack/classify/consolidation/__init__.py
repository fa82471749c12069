"""Consolidation: the same ask recognised across mechanisms and cycles.

* :mod:`.text` normalises recommendation texts for comparison;
* :mod:`.similarity` ranks a country's recommendations by TF-IDF cosine similarity to
  any text (``rightstrack classify similar``, the API's ``/similar``);
* :mod:`.clustering` proposes candidate clusters (``rightstrack classify cluster``);
* :mod:`.repeated` answers "recommended again": the earlier recommendations of the
  same ask to the same State.
"""
