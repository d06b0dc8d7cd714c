"""Starts Ralph's LRS (uvicorn) with its file-system backend appending statements.

Ralph 5.1's file-system LRS backend writes with the "create" operation, which refuses to
write to its statements file once it exists, so it stores only the first statement ever
posted ("Statement indexation failed" after that). Its data backend supports "append";
this selects it, and changes nothing else in Ralph."""

from __future__ import annotations

import sys

import uvicorn
from ralph.backends.data.base import BaseOperationType
from ralph.backends.lrs.fs import FSLRSBackend

FSLRSBackend.default_operation_type = BaseOperationType.APPEND

if __name__ == "__main__":
    uvicorn.run("ralph.api:app", host="127.0.0.1", port=int(sys.argv[1]), log_level="info")
