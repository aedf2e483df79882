@echo off
rem Runs the nabla command line on Windows (the counterpart of ./nabla): dotnet run builds it
rem (Release) when a source changed, then runs it with the arguments given.
dotnet run --project "%~dp0src\Nabla.Cli" -c Release -v quiet -- %*
exit /b %ERRORLEVEL%
