<?php
/*
 * Writes package.xml (what `pecl package` puts in the tarball) from the files git tracks,
 * with the version taken from ext/php_surge.h, so that the list never drifts from the tree.
 *   php scripts/gen-package-xml.php           rewrite package.xml
 *   php scripts/gen-package-xml.php --check   fail if package.xml is out of date
 */
$root = dirname(__DIR__);
chdir($root);

preg_match('/#define PHP_SURGE_VERSION "([^"]+)"/', file_get_contents('ext/php_surge.h'), $m)
    or exit("PHP_SURGE_VERSION not found in ext/php_surge.h\n");
$version = $m[1];

$files = array_filter(explode("\n", shell_exec('git ls-files') ?? ''), 'strlen');
$shipped = [];
foreach ($files as $file) {
    if (!is_file($file)) {
        continue;  // deleted in the work tree, not yet committed
    }
    $role = match (true) {
        str_starts_with($file, 'src/'), str_starts_with($file, 'ext/'), $file === 'config.m4',
        $file === 'config.w32' => 'src',
        str_starts_with($file, 'stubs/') => 'src',
        str_starts_with($file, 'tests/') && !str_starts_with($file, 'tests/unit/')
            && !str_starts_with($file, 'tests/fuzz/') => 'test',
        in_array($file, ['README.md', 'LICENSE'], true), str_starts_with($file, 'examples/') => 'doc',
        default => null,
    };
    if ($role !== null) {
        $shipped[$file] = $role;
    }
}
ksort($shipped);

$contents = '';
foreach ($shipped as $file => $role) {
    $contents .= sprintf("   <file name=\"%s\" role=\"%s\"/>\n", htmlspecialchars($file), $role);
}

$xml = <<<XML
<?xml version="1.0" encoding="UTF-8"?>
<package packagerversion="1.10.13" version="2.0" xmlns="http://pear.php.net/dtd/package-2.0" xmlns:tasks="http://pear.php.net/dtd/tasks-1.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://pear.php.net/dtd/tasks-1.0 http://pear.php.net/dtd/tasks-1.0.xsd http://pear.php.net/dtd/package-2.0 http://pear.php.net/dtd/package-2.0.xsd">
 <name>surge</name>
 <channel>pecl.php.net</channel>
 <summary>Workerman-style socket server framework, native in C++</summary>
 <description>Surge runs Workerman-style servers (Worker, TcpConnection, Timer, protocols) with a libevent reactor, forked worker processes and native codecs written in C++.</description>
 <lead>
  <name>Surge authors</name>
  <user>surge</user>
  <email>surge@localhost</email>
  <active>yes</active>
 </lead>
 <date>2026-11-23</date>
 <version>
  <release>{$version}</release>
  <api>{$version}</api>
 </version>
 <stability>
  <release>beta</release>
  <api>beta</api>
 </stability>
 <license uri="https://opensource.org/licenses/MIT">MIT</license>
 <notes>See README.md.</notes>
 <contents>
  <dir name="/">
{$contents}  </dir>
 </contents>
 <dependencies>
  <required>
   <php>
    <min>8.1.0</min>
   </php>
   <pearinstaller>
    <min>1.10.0</min>
   </pearinstaller>
  </required>
 </dependencies>
 <providesextension>surge</providesextension>
 <extsrcrelease>
  <configureoption name="enable-surge-debug" default="no" prompt="Build with assertions and -Werror?"/>
 </extsrcrelease>
</package>

XML;

if (in_array('--check', $argv, true)) {
    if (!is_file('package.xml') || file_get_contents('package.xml') !== $xml) {
        fwrite(STDERR, "package.xml is out of date: run php scripts/gen-package-xml.php\n");
        exit(1);
    }
    exit(0);
}
file_put_contents('package.xml', $xml);
