<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>EnginePage</name>
    <message numerus="yes">
        <source>%n model(s)</source>
        <translation>
            <numerusform>%n model</numerusform>
            <numerusform>%n models</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RecoveryDialog</name>
    <message numerus="yes">
        <source>%Ln word(s)</source>
        <translation>
            <numerusform>%Ln word</numerusform>
            <numerusform>%Ln words</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln character(s)</source>
        <translation>
            <numerusform>%Ln character</numerusform>
            <numerusform>%Ln characters</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln line(s) added or changed</source>
        <translation>
            <numerusform>%Ln line added or changed</numerusform>
            <numerusform>%Ln lines added or changed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln line(s) removed or changed</source>
        <translation>
            <numerusform>%Ln line removed or changed</numerusform>
            <numerusform>%Ln lines removed or changed</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WriterStatusBar</name>
    <message numerus="yes">
        <source>%Ln word(s)</source>
        <translation>
            <numerusform>%Ln word</numerusform>
            <numerusform>%Ln words</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln character(s)</source>
        <translation>
            <numerusform>%Ln character</numerusform>
            <numerusform>%Ln characters</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln word(s), each Chinese or Japanese character counted as a word</source>
        <translation>
            <numerusform>%Ln word, each Chinese or Japanese character counted as a word</numerusform>
            <numerusform>%Ln words, each Chinese or Japanese character counted as a word</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln character(s) without spaces</source>
        <translation>
            <numerusform>%Ln character without spaces</numerusform>
            <numerusform>%Ln characters without spaces</numerusform>
        </translation>
    </message>
</context>
</TS>
