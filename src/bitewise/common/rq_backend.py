"""A `django.tasks` backend on RQ (Redis Queue), the scale-out choice.

django-tasks-rq targets the `django-tasks` backport rather than Django's own
`django.tasks`, so this thin adapter maps Django's Task API onto RQ directly:
enqueue pushes a job that names the task by module path; `bitewise worker` runs
RQ's worker inside the configured Django process.
"""

from __future__ import annotations

from datetime import UTC
from typing import Any

from django.tasks.backends.base import BaseTaskBackend
from django.tasks.base import Task, TaskError, TaskResult, TaskResultStatus
from django.tasks.exceptions import TaskResultDoesNotExist
from django.utils.crypto import get_random_string
from django.utils.module_loading import import_string
from redis import Redis
from rq import Queue
from rq.exceptions import NoSuchJobError
from rq.job import Job, JobStatus

_STATUS = {
    JobStatus.QUEUED: TaskResultStatus.READY,
    JobStatus.DEFERRED: TaskResultStatus.READY,
    JobStatus.SCHEDULED: TaskResultStatus.READY,
    JobStatus.STARTED: TaskResultStatus.RUNNING,
    JobStatus.FINISHED: TaskResultStatus.SUCCESSFUL,
    JobStatus.FAILED: TaskResultStatus.FAILED,
    JobStatus.STOPPED: TaskResultStatus.FAILED,
    JobStatus.CANCELED: TaskResultStatus.FAILED,
}


def run_task(module_path: str, args: list[Any], kwargs: dict[str, Any]) -> Any:
    """Executed by the RQ worker: resolve the Task object and call its function."""
    task = import_string(module_path)
    if not isinstance(task, Task):
        raise TypeError(f"{module_path} is not a django.tasks Task")
    return task.call(*args, **kwargs)


class RQBackend(BaseTaskBackend):
    supports_get_result = True

    def __init__(self, alias: str, params: dict[str, Any]) -> None:
        super().__init__(alias, params)
        self.url = self.options.get("url", "redis://127.0.0.1:6379/0")

    def connection(self) -> Redis:
        return Redis.from_url(self.url)

    def queue(self, name: str) -> Queue:
        return Queue(name, connection=self.connection())

    def enqueue(self, task: Task, args: Any, kwargs: Any) -> TaskResult:  # type: ignore[override]
        self.validate_task(task)
        result_id = get_random_string(32)
        result = self._result(task, result_id, TaskResultStatus.READY, args, kwargs)
        self.queue(task.queue_name).enqueue(
            run_task, task.module_path, result.args, result.kwargs, job_id=result_id
        )
        return result

    def get_result(self, result_id: str) -> TaskResult:  # type: ignore[override]
        try:
            job = Job.fetch(result_id, connection=self.connection())
        except NoSuchJobError as exc:
            raise TaskResultDoesNotExist(result_id) from exc
        module_path, args, kwargs = job.args
        task = import_string(module_path)
        status = _STATUS.get(job.get_status(), TaskResultStatus.READY)
        result = self._result(task, result_id, status, args, kwargs, job=job)
        if status == TaskResultStatus.SUCCESSFUL:
            object.__setattr__(result, "_return_value", job.return_value())
        return result

    def _result(
        self,
        task: Task,
        result_id: str,
        status: TaskResultStatus,
        args: Any,
        kwargs: Any,
        job: Job | None = None,
    ) -> TaskResult:
        def aware(value: Any) -> Any:
            return (
                value.replace(tzinfo=UTC) if value is not None and value.tzinfo is None else value
            )

        errors = []
        if job is not None and status == TaskResultStatus.FAILED and job.exc_info:
            errors.append(
                TaskError(exception_class_path="builtins.Exception", traceback=job.exc_info)
            )
        return TaskResult(
            task=task,
            id=result_id,
            status=status,
            enqueued_at=aware(job.enqueued_at) if job else None,
            started_at=aware(job.started_at) if job else None,
            finished_at=aware(job.ended_at) if job else None,
            last_attempted_at=aware(job.started_at) if job else None,
            args=list(args),
            kwargs=dict(kwargs),
            backend=self.alias,
            errors=errors,
            worker_ids=[job.worker_name] if job and job.worker_name else [],
        )
