"""One repurposing pipeline, called by the worker (``services/run.py``: each stage saved on
the job, so a run carries on where one stopped) and by ``bitewise repurpose``
(``cli_run.py``: files in a folder): where the recording comes from (``sources``), what it
says (``recordings``: probe, transcribe, clips), the proposed lessons and their drafts
(``lessons``, with the optional model step of ``llm``), files for the command
(``outputs``), and the one error (``errors``)."""
