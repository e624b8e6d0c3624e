<?php

/**
 * @generate-class-entries
 * @generate-legacy-arginfo 80100
 */

namespace Surge;

/**
 * What a task() callback gets instead of a result when its task has none: onTask threw
 * (the message is the exception's class and message; the task process logged it with
 * its trace), its return value could not be serialized, or the task process running it
 * died before answering. The task is not retried.
 */
class TaskError extends \RuntimeException
{
}
