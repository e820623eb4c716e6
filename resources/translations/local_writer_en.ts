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
        <source>%Ln character(s)</source>
        <comment>the count: each Chinese or Japanese character and each word of other scripts once</comment>
        <translation>
            <numerusform>%Ln character</numerusform>
            <numerusform>%Ln characters</numerusform>
        </translation>
    </message>
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
    <name>SessionGoal</name>
    <message numerus="yes">
        <source>{written} / %Ln character(s) ({share} %)</source>
        <translation>
            <numerusform>{written} / %Ln character ({share} %)</numerusform>
            <numerusform>{written} / %Ln characters ({share} %)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{written} / %Ln word(s) ({share} %)</source>
        <translation>
            <numerusform>{written} / %Ln word ({share} %)</numerusform>
            <numerusform>{written} / %Ln words ({share} %)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln character(s) this session</source>
        <translation>
            <numerusform>%Ln character this session</numerusform>
            <numerusform>%Ln characters this session</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln word(s) this session</source>
        <translation>
            <numerusform>%Ln word this session</numerusform>
            <numerusform>%Ln words this session</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WriterStatusBar</name>
    <message numerus="yes">
        <source>%Ln Chinese or Japanese character(s)</source>
        <translation>
            <numerusform>%Ln Chinese or Japanese character</numerusform>
            <numerusform>%Ln Chinese or Japanese characters</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln word(s) of other scripts (punctuation not counted)</source>
        <translation>
            <numerusform>%Ln word of other scripts (punctuation not counted)</numerusform>
            <numerusform>%Ln words of other scripts (punctuation not counted)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln character(s) with spaces and punctuation</source>
        <translation>
            <numerusform>%Ln character with spaces and punctuation</numerusform>
            <numerusform>%Ln characters with spaces and punctuation</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln character(s)</source>
        <comment>the count: each Chinese or Japanese character and each word of other scripts once</comment>
        <translation>
            <numerusform>%Ln character</numerusform>
            <numerusform>%Ln characters</numerusform>
        </translation>
    </message>
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
        <source>%Ln character(s) without spaces</source>
        <translation>
            <numerusform>%Ln character without spaces</numerusform>
            <numerusform>%Ln characters without spaces</numerusform>
        </translation>
    </message>
</context>
</TS>
